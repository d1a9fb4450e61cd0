using Orleans.Hosting;

namespace OrleansSync.Postgres.Providers;

/// <summary>An Orleans client (a gateway process) that finds the silos in the PostgreSQL membership table.</summary>
public static class PostgresClientBuilderExtensions
{
    /// <summary>
    /// ADO.NET clustering for a client on <paramref name="connectionString"/>. A client applies no
    /// migrations: the schema comes from the silos (<see cref="PostgresSiloBuilderExtensions.UsePostgres"/>),
    /// so start a silo first or run <see cref="PostgresSchema.Orleans"/> through the migrator.
    /// </summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant.Name;
            options.ConnectionString = connectionString;
        });
    }
}
