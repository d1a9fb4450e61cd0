using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.TestingHost;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;
using Xunit.Abstractions;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>Nothing is lost, doubled or reordered when a silo that reads some of the queues stops mid-stream.</summary>
public sealed class SiloFailureTests(ITestOutputHelper output)
{
    private const int Keys = 50, PerKey = 40, Queues = 8;

    /// <summary>
    /// TestCluster's in-process "kill" is an ungraceful stop, not a crash: the stopping silo's code
    /// runs on while another takes its queues and grains. Exactly once and order per key hold; a
    /// fast stop can still leave a dead letter of a message that did take effect (known defect,
    /// docs/POSTGRES.md), so dead letters are allowed here and written out.
    /// </summary>
    [Fact]
    public async Task Every_message_takes_effect_exactly_once_when_a_silo_stops_ungracefully_under_load()
    {
        await using var cluster = await StreamsCluster.StartAsync(nameof(SiloFailureTests), silos: 2, settings: Settings);
        await RunLoadAndStopAsync(cluster, silo => cluster.Cluster.KillSiloAsync(silo));
        await AssertExactlyOnceAsync(cluster, deadLettersAllowed: true);
    }

    [Fact]
    public async Task Every_message_takes_effect_exactly_once_and_in_order_when_a_silo_shuts_down_under_load()
    {
        await using var cluster = await StreamsCluster.StartAsync(nameof(SiloFailureTests), silos: 2, settings: Settings);
        await RunLoadAndStopAsync(cluster, silo => cluster.Cluster.StopSiloAsync(silo));
        await AssertExactlyOnceAsync(cluster, deadLettersAllowed: false);
    }

    private async Task AssertExactlyOnceAsync(StreamsCluster cluster, bool deadLettersAllowed)
    {
        (await cluster.CountAsync(LedgerGrain.GrainTypeName)).Should().Be(Keys * PerKey, "no message is lost");
        (await cluster.ConsumedAsync(LedgerGrain.GrainTypeName, LedgerGrain.Namespace)).Should().Be(Keys * PerKey, "every message is recorded consumed once");
        for (var k = 0; k < Keys; k++)
        {
            var sequences = (await cluster.EntriesAsync(LedgerGrain.GrainTypeName, $"load-{k}")).Select(e => e.Sequence).ToList();
            sequences.Should().Equal(Enumerable.Range(1, PerKey), $"every message of load-{k} is applied, in order");

            // The ledger ignores a repeated entry id, so doubles would not show in it; the fence
            // version counts units of work, one per message applied.
            (await cluster.VersionAsync(LedgerGrain.GrainTypeName, $"load-{k}")).Should().Be(PerKey, $"no message of load-{k} took effect twice");
        }

        // Known defect (docs/POSTGRES.md): a fast stop sometimes leaves dead letters of messages
        // that did take effect (the checks above hold); their errors are written out for diagnosis.
        var deadLetters = await cluster.DeadLetters.ListAsync(new DeadLetterQuery());
        foreach (var deadLetter in deadLetters)
        {
            output.WriteLine($"dead letter {deadLetter.Key}/{deadLetter.MessageId} after {deadLetter.Attempts} attempts: {deadLetter.LastError}");
        }

        if (!deadLettersAllowed)
        {
            deadLetters.Should().BeEmpty();
        }
    }

    private static Dictionary<string, string?> Settings => new()
    {
        ["Streams:QueueCount"] = Queues.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Rounds of one message per key, the producer staying at most five rounds ahead of the
    /// consumers, so the silo dies with messages read, in flight and committed but not yet
    /// checkpointed; appends go on while it dies and while its queues and grains move.
    /// </summary>
    private async Task RunLoadAndStopAsync(StreamsCluster cluster, Func<SiloHandle, Task> stop)
    {
        var victim = await SiloReadingQueuesAsync(cluster);
        var producer = cluster.Producer;
        Task? kill = null;
        for (var round = 1; round <= PerKey; round++)
        {
            await producer.AppendBatchAsync([.. Enumerable.Range(0, Keys).Select(k => StreamTests.Entry($"load-{k}", $"load-{k}-{round}", round))]);
            if (round == PerKey / 3)
            {
                await WaitForCountAsync(cluster, Keys * 5);
                output.WriteLine($"killing {victim.SiloAddress} at {await cluster.CountAsync(LedgerGrain.GrainTypeName)} applied");
                kill = stop(victim);
            }

            await WaitForCountAsync(cluster, (round - 5) * Keys);
        }

        await kill!;
        await WaitForCountAsync(cluster, Keys * PerKey);
    }

    /// <summary>
    /// A secondary silo that reads some of the queues, once the queues are balanced over the silos
    /// (each read by exactly one). The primary cannot die: it holds the test cluster's membership.
    /// </summary>
    private async Task<SiloHandle> SiloReadingQueuesAsync(StreamsCluster cluster)
    {
        for (var silos = cluster.Cluster.Silos.Count; ; silos++)
        {
            Dictionary<SiloHandle, IReadOnlyList<int>> reading = [];
            await Eventually.TrueAsync(() =>
            {
                reading = cluster.Cluster.GetActiveSilos().ToDictionary(silo => silo, silo => ReadingQueues(cluster, silo));
                var all = reading.Values.SelectMany(queues => queues).ToList();
                return all.Count == Queues && all.Distinct().Count() == Queues;
            }, StreamTests.Deadline, "every queue read by exactly one silo");

            foreach (var (silo, queues) in reading)
            {
                output.WriteLine($"{silo.SiloAddress}{(silo == cluster.Cluster.Primary ? " (primary)" : "")} reads queues {string.Join(", ", queues)}");
            }

            if (reading.FirstOrDefault(pair => pair.Key != cluster.Cluster.Primary && pair.Value.Count > 0).Key is { } secondary)
            {
                return secondary;
            }

            silos.Should().BeLessThan(5, "a secondary silo should get some of the queues");
            await cluster.Cluster.StartAdditionalSiloAsync();
        }
    }

    private static IReadOnlyList<int> ReadingQueues(StreamsCluster cluster, SiloHandle silo) =>
        ((PostgresQueueAdapterFactory)cluster.Services(silo).GetRequiredKeyedService<IQueueAdapterFactory>(PostgresStreams.ProviderName)).ReadingQueues;

    private static async Task WaitForCountAsync(StreamsCluster cluster, int count) =>
        await Eventually.TrueAsync(async () => await cluster.CountAsync(LedgerGrain.GrainTypeName) >= count, StreamTests.Deadline, $"{count} messages applied");
}
