using OrleansSync.Testing;
using OrleansSync.Postgres.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansSync.Bench;

/// <summary>
/// The benchmark's PostgreSQL: ORLEANSSYNC_BENCH_CONNECTION if set, else a private server under
/// .data/bench-pg; each scenario runs on a fresh database, dropped afterwards.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _server;
    private readonly string _serverConnection;

    private BenchDatabase(EmbeddedPostgres? server, string serverConnection, string connectionString)
    {
        _server = server;
        _serverConnection = serverConnection;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The private server, or null when ORLEANSSYNC_BENCH_CONNECTION names one.</summary>
    public EmbeddedPostgres? Server => _server;

    public static async Task<BenchDatabase> CreateAsync()
    {
        EmbeddedPostgres? server = null;
        var serverConnection = Environment.GetEnvironmentVariable("ORLEANSSYNC_BENCH_CONNECTION");
        if (string.IsNullOrEmpty(serverConnection))
        {
            server = await EmbeddedPostgres.StartAsync(Path.Combine(RepositoryRoot.Find() ?? throw new InvalidOperationException("Run the benchmarks from inside the repository."), ".data", "bench-pg"), NullLogger.Instance);
            server.StopWhenProcessEnds(deleteData: false);
            serverConnection = server.ConnectionString;
        }

        var name = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(serverConnection, $"create database \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(serverConnection) { Database = name, MaxPoolSize = 200, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
        return new BenchDatabase(server, serverConnection, connection);
    }

    /// <summary>The server's WAL position in bytes: its difference across a measurement is the WAL that measurement wrote (the whole server's, and nothing else runs).</summary>
    public Task<long> WalPositionAsync() => ScalarAsync("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");

    public async Task<long> ScalarAsync(string sql, params object?[] parameters) =>
        Convert.ToInt64(await ValueAsync(sql, parameters), CultureInfo.InvariantCulture);

    public async Task<object?> ValueAsync(string sql, params object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await ExecuteAsync(_serverConnection, $"drop database if exists \"{name}\" with (force)");
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
