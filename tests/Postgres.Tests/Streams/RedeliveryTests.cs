using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>A queue's next owner redelivers what its checkpoint had not passed; consumers drop what they committed.</summary>
public sealed class RedeliveryTests
{
    private const int Keys = 3, Before = 20, After = 10;

    [Fact]
    public async Task Messages_redelivered_after_a_checkpoint_was_lost_take_no_effect_twice_and_new_ones_still_flow()
    {
        await using var database = await StreamsCluster.CreateDatabaseAsync(nameof(RedeliveryTests));
        await using (var before = await StreamsCluster.StartAsync(nameof(RedeliveryTests), database: database, clusterId: "before"))
        {
            for (var i = 1; i <= Before; i++)
            {
                await before.Producer.AppendBatchAsync([.. Enumerable.Range(0, Keys).Select(k => StreamTests.Entry($"redo-{k}", $"redo-{k}-{i}", i))]);
            }

            await Eventually.TrueAsync(async () => await before.CheckpointedAsync(LedgerGrain.Namespace) == Keys * Before, StreamTests.Deadline, "every message applied and checkpointed");
        }

        // The silos died before they checkpointed: every queue's checkpoint goes back to the start.
        (await database.ExecuteAsync("update stream_queue_checkpoint set tx = '0'::xid8, id = 0")).Should().BeGreaterThan(0);

        await using var after = await StreamsCluster.StartAsync(nameof(RedeliveryTests), database: database, clusterId: "after");
        for (var i = Before + 1; i <= Before + After; i++)
        {
            await after.Producer.AppendBatchAsync([.. Enumerable.Range(0, Keys).Select(k => StreamTests.Entry($"redo-{k}", $"redo-{k}-{i}", i))]);
        }

        // The checkpoints passing every message again means every old message was delivered again.
        await Eventually.TrueAsync(async () => await after.CheckpointedAsync(LedgerGrain.Namespace) == Keys * (Before + After), StreamTests.Deadline, "old and new messages delivered and checkpointed");
        for (var k = 0; k < Keys; k++)
        {
            (await after.EntriesAsync(LedgerGrain.GrainTypeName, $"redo-{k}")).Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, Before + After));
            (await after.VersionAsync(LedgerGrain.GrainTypeName, $"redo-{k}")).Should().Be(Before + After, "a redelivered message commits no second unit of work");
        }

        (await after.ConsumedAsync(LedgerGrain.GrainTypeName, LedgerGrain.Namespace)).Should().Be(Keys * (Before + After));
    }
}
