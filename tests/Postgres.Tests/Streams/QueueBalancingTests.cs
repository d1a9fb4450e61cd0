using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;
using OrleansSync.Testing;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>
/// How the queues are shared (<see cref="EvenQueueBalancer"/>): evenly over the silos, and over the
/// rest when one stops, with every key still served.
/// </summary>
public sealed class QueueBalancingTests
{
    [Fact]
    public async Task The_queues_are_spread_evenly_over_the_silos_and_over_the_rest_when_one_stops()
    {
        await using var cluster = await StreamsCluster.StartAsync(
            nameof(QueueBalancingTests), silos: 3, settings: new Dictionary<string, string?> { ["Streams:QueueCount"] = "8" });
        await StreamAgents.WaitForAsync(cluster.Grains, [2, 3, 3], StreamTests.Deadline);

        await cluster.Cluster.StopSiloAsync(cluster.Cluster.SecondarySilos[0]);
        await StreamAgents.WaitForAsync(cluster.Grains, [4, 4], StreamTests.Deadline);

        // 40 keys, spread over the 8 queues by hash: each is applied by whichever silo reads its queue now.
        var keys = Enumerable.Range(0, 40).Select(k => $"spread-{k}").ToList();
        await cluster.Producer.AppendBatchAsync([.. keys.Select(key => StreamTests.Entry(key, $"{key}-1", 1))]);
        await Eventually.TrueAsync(async () => await cluster.CountAsync(LedgerGrain.GrainTypeName) == keys.Count, StreamTests.Deadline, "every key applied");
    }
}
