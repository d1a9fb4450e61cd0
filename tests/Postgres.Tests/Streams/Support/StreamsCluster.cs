using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Migrations;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;

namespace OrleansSync.Postgres.Tests.Streams.Support;

/// <summary>
/// A TestCluster of real Orleans silos (in this process) whose streams and entity writes go to a
/// fresh test database. Retries are fast so backoff and dead letters play out in seconds.
/// </summary>
public sealed class StreamsCluster : IAsyncDisposable
{
    public const string ConnectionStringKey = "ConnectionStrings:Test";

    // A database passed in by the caller is the caller's to drop (several clusters may share it).
    private readonly bool _ownsDatabase;

    private StreamsCluster(TestDatabase database, TestCluster cluster, bool ownsDatabase)
    {
        Database = database;
        Cluster = cluster;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The producer and dead letters as the gateway sees them: the primary silo's.</summary>
    public IStreamProducer Producer => Services().GetRequiredService<IStreamProducer>();

    public IDeadLetters DeadLetters => Services().GetRequiredService<IDeadLetters>();

    /// <summary>
    /// Starts a cluster on <paramref name="database"/> (a fresh one when null, dropped with the
    /// cluster; a given one is left to its owner). <paramref name="settings"/> override the silos'
    /// configuration (say, <c>Streams:Retention</c>).
    /// </summary>
    public static async Task<StreamsCluster> StartAsync(
        string name, short silos = 1, TestDatabase? database = null, string? clusterId = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var ownsDatabase = database is null;
        database ??= await CreateDatabaseAsync(name);
        var builder = new TestClusterBuilder(silos);
        if (clusterId is not null)
        {
            builder.Options.ClusterId = clusterId;
        }

        builder.Properties[ConnectionStringKey] = database.ConnectionString;
        builder.Properties["Streams:QueueCount"] = "4";
        builder.Properties["Streams:MaxAttempts"] = "3";
        builder.Properties["Streams:RetryBackoff"] = "00:00:00.050";
        builder.Properties["Streams:RetryBackoffMax"] = "00:00:00.200";
        builder.Properties["Streams:PollInterval"] = "00:00:00.020";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<StreamsSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new StreamsCluster(database, cluster, ownsDatabase);
    }

    public static async Task<TestDatabase> CreateDatabaseAsync(string name)
    {
        var database = await TestDatabase.CreateAsync(name);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await SchemaMigrator.MigrateAsync(dataSource, [PostgresStreams.Schema, EntityGrains.Schema, LedgerSchema.Migrations], NullLogger.Instance);
        return database;
    }

    /// <summary>Entries of one grain type and key, in the order they were applied.</summary>
    public async Task<IReadOnlyList<(int Sequence, string EntryId, int Batch)>> EntriesAsync(string grain, string key)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select sequence, entry_id, batch from test_ledger where grain = $1 and key = $2 order by id", connection)
        {
            Parameters = { new() { Value = grain }, new() { Value = key } },
        };
        var entries = new List<(int, string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return entries;
    }

    public async Task<long> CountAsync(string grain) =>
        (long)(await Database.ScalarAsync("select count(*) from test_ledger where grain = $1", grain))!;

    /// <summary>The entity's fence version: how many units of work of that grain type and key committed (0 for none).</summary>
    public async Task<long> VersionAsync(string grain, string key) =>
        (long?)await Database.ScalarAsync("select version from entity_fence where grain_type = $1 and grain_key = $2", grain, key) ?? 0;

    /// <summary>
    /// A silo's services; the primary's when null (TestCluster itself would pick a silo at random,
    /// maybe one a test is about to kill).
    /// </summary>
    public IServiceProvider Services(SiloHandle? silo = null) =>
        Cluster.GetSiloServiceProvider((silo ?? Cluster.Primary ?? throw new InvalidOperationException("The primary silo is gone.")).SiloAddress);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
