using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Postgres;

/// <summary>The pooled data sources of a silo or gateway for OrleansSync's own queries (Orleans' ADO.NET providers open their own connections).</summary>
public static class PostgresDataSource
{
    /// <summary>
    /// The service key of the stream provider's own data source: queue reads, checkpoints and appends made outside a
    /// unit of work. Under load every grain with a message holds or waits for a connection of the main pool; in the ingest
    /// benchmark a queue read or a gateway append queued behind them for about half a second, so queues were read about
    /// twice a second and the appends took as long as the run. With a pool of their own they wait for no consumer.
    /// </summary>
    public const string StreamsKey = "streams";

    /// <summary>
    /// The most connections the stream provider's data source opens (or fewer, if the connection string says so). A
    /// queue read holds one for a moment; the rest serve appends. Unbounded, a burst of concurrent appends grew it to
    /// the connection string's pool size, on top of the main pool's: in the latency benchmark's cold start the two pools
    /// opened more connections than the server's max_connections and activations failed. Beyond it, an append waits
    /// for a connection of the pool instead.
    /// </summary>
    public const int StreamsMaxPoolSize = 32;

    /// <summary>
    /// A data source on <paramref name="connectionString"/> whose connections keep their session when they go back to
    /// the pool. Npgsql otherwise resets the session on every reuse, four statements (about as many as a unit of work
    /// runs), for state nothing here leaves behind: no SET outside a transaction, no temporary tables, no LISTEN, and
    /// the one session advisory lock (the schema migrator's) is released explicitly. In the ingest benchmark the reset
    /// was a fifth of PostgreSQL's CPU per event.
    /// It also prepares the statements a connection runs repeatedly (up to 32 per connection, after 5 uses), so
    /// PostgreSQL parses and plans each once per session instead of every time: in the ingest benchmark that took
    /// 30-40% off PostgreSQL's CPU per event, for the product and for the reference design alike.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 32 });

    /// <summary>
    /// Registers the main data source and the stream provider's (<see cref="StreamsKey"/>), both on
    /// <paramref name="connectionString"/>, the stream provider's with at most <see cref="StreamsMaxPoolSize"/> connections.
    /// </summary>
    public static IServiceCollection AddPostgresDataSources(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => Create(connectionString));
        services.AddKeyedSingleton(StreamsKey, (_, _) => Create(StreamsConnectionString(connectionString)));
        return services;
    }

    private static string StreamsConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, StreamsMaxPoolSize);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        return builder.ConnectionString;
    }
}
