using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansSync.Postgres.Migrations;

namespace OrleansSync.Postgres.Providers;

/// <summary>A silo on PostgreSQL: ADO.NET clustering, grain storage and reminders on the project's schema, migrated at start.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// Clustering, reminders and grain storage (named <see cref="PostgresGrainStorage.Name"/> and
    /// default; state as System.Text.Json) on <paramref name="connectionString"/>, and the
    /// <see cref="PostgresSchema.Orleans"/> migrations applied before membership starts. Add the
    /// host's own modules with <see cref="AddPostgresMigrations"/>.
    /// </summary>
    public static ISiloBuilder UsePostgres(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        builder.Services.Configure<PostgresMigrationOptions>(options => options.ConnectionString = connectionString);
        builder.AddPostgresMigrations(PostgresSchema.Orleans);

        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant.Name;
            options.ConnectionString = connectionString;
        });
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresInvariant.Name;
            options.ConnectionString = connectionString;
        });
        builder.Services.AddPostgresGrainStorage(connectionString);
        return builder;
    }

    /// <summary>
    /// Adds migration modules to apply, in call order after <see cref="PostgresSchema.Orleans"/>, when
    /// the silo starts (at <see cref="ServiceLifecycleStage.First"/>), on the database given to
    /// <see cref="UsePostgres"/>.
    /// </summary>
    public static ISiloBuilder AddPostgresMigrations(this ISiloBuilder builder, params MigrationSource[] sources)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sources);
        builder.Services.Configure<PostgresMigrationOptions>(options =>
        {
            foreach (var source in sources)
            {
                options.Sources.Add(source);
            }
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationStartup>());
        return builder;
    }
}
