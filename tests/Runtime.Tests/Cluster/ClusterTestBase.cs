using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Placement;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Cluster;

/// <summary>Several silos in the test process on one database, sharing one probe.</summary>
public abstract class ClusterTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected List<TestSilo> Silos { get; } = [];

    protected Probe Probe { get; } = new();

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync(GetType().Name);

    public async Task DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    protected async Task<TestSilo> StartSiloAsync(Action<RuntimeOptions>? configure = null)
    {
        var silo = await TestSilo.StartAsync(Database.ConnectionString, configure, Probe);
        Silos.Add(silo);
        return silo;
    }

    protected Task AllPartitionsServedAsync(IReadOnlyCollection<TestSilo> live, TimeSpan timeout) =>
        Eventually.TrueAsync(() => live.Sum(s => s.Runtime.Owned.Count) == live.First().Runtime.PartitionCount && live.All(s => s.Runtime.Owned.Count > 0), timeout, "every partition is served by a live silo");

    /// <summary>A key of <paramref name="grainType"/> whose partition <paramref name="silo"/> owns.</summary>
    protected static string KeyOwnedBy(TestSilo silo, string grainType, string prefix) =>
        Enumerable.Range(0, 10_000).Select(i => $"{prefix}{i}")
            .First(key => silo.Runtime.Owned.TryGetEpoch(PartitionHash.PartitionOf(grainType, key, silo.Runtime.PartitionCount), out _));

    protected async Task<long> ScalarAsync(string sql, params object[] values) =>
        Convert.ToInt64(await Database.ScalarAsync(sql, values) ?? throw new InvalidOperationException($"No value from: {sql}"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Appends <paramref name="perKey"/> messages to each of <paramref name="keys"/> keys, each key in sequence order.</summary>
    protected static async Task ProduceAsync(IStreamProducer producer, int keys, int perKey, string prefix, CancellationToken cancellationToken = default)
    {
        for (var sequence = 1; sequence <= perKey; sequence++)
        {
            var batch = Enumerable.Range(0, keys)
                .Select(k => new StreamAppend(RecorderGrain.Namespace, $"{prefix}{k}", $"{prefix}{k}-{sequence}", JsonSerializer.Serialize(new TestMessage(sequence), RuntimeJson.Options)))
                .ToList();
            foreach (var chunk in batch.Chunk(100))
            {
                await producer.AppendBatchAsync(chunk, cancellationToken);
            }
        }
    }

    /// <summary>Every message's effect recorded exactly once, and each key's effects in sequence order.</summary>
    protected async Task AssertExactlyOnceInOrderAsync(int expected, TimeSpan timeout)
    {
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received") >= expected, timeout, $"all {expected} messages take effect");
        (await ScalarAsync("select count(*) from test_received")).Should().Be(expected, "no effect happened twice");
        (await ScalarAsync("select count(distinct message_id) from test_received")).Should().Be(expected);
        (await ScalarAsync("""
            select count(*) from (
                select sequence, lag(sequence) over (partition by stream_key order by id) as previous from test_received) s
            where previous is not null and sequence <> previous + 1
            """)).Should().Be(0, "each key's effects happened in order");
    }
}
