using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>What stream_consumed records for batches, and who a replayed dead letter goes to.</summary>
public sealed class ConsumptionTests
{
    [Fact]
    public async Task A_batch_whose_unit_of_work_commits_is_recorded_consumed_for_every_message_in_it()
    {
        await using var cluster = await StreamsCluster.StartAsync(nameof(ConsumptionTests));
        await cluster.Producer.AppendBatchAsync([.. Enumerable.Range(1, 40).Select(i => StreamTests.Entry("batched", $"batched-{i}", i, ns: BatchLedgerGrain.Namespace))]);

        await cluster.WaitForEntriesAsync(BatchLedgerGrain.GrainTypeName, "batched", 40);
        var entries = await cluster.EntriesAsync(BatchLedgerGrain.GrainTypeName, "batched");
        entries.Max(e => e.Batch).Should().BeGreaterThan(1, "the backlog went as a batch");
        (await cluster.VersionAsync(BatchLedgerGrain.GrainTypeName, "batched")).Should().BeLessThan(40, "fewer units of work than messages");
        (await cluster.ConsumedAsync(BatchLedgerGrain.GrainTypeName, BatchLedgerGrain.Namespace, "batched")).Should().Be(40, "every message of a committed batch is recorded consumed");
    }

    [Fact]
    public async Task A_message_consumed_meanwhile_by_another_activation_rolls_its_effect_back_and_its_key_moves_on()
    {
        const string Key = "meanwhile";
        await using var cluster = await StreamsCluster.StartAsync(nameof(ConsumptionTests));
        await cluster.Producer.AppendBatchAsync([
            StreamTests.Entry(Key, "m1", 1, consumedMeanwhile: true),
            StreamTests.Entry(Key, "m2", 2)]);

        await cluster.WaitForEntriesAsync(LedgerGrain.GrainTypeName, Key, 1);
        (await cluster.EntriesAsync(LedgerGrain.GrainTypeName, Key)).Select(e => e.EntryId).Should().Equal(["m2"], "the unit of work that found m1 consumed committed nothing, and m2 followed");
        (await cluster.VersionAsync(LedgerGrain.GrainTypeName, Key)).Should().Be(1, "only m2's unit of work committed");
        (await cluster.ConsumedAsync(LedgerGrain.GrainTypeName, LedgerGrain.Namespace, Key)).Should().Be(2);
        (await cluster.DeadLetters.CountAsync()).Should().Be(0, "a message consumed already is done, not failed");
    }

    [Fact]
    public async Task A_replayed_dead_letter_goes_only_to_the_consumer_that_failed_on_it()
    {
        const string Key = "fanout";
        await using var cluster = await StreamsCluster.StartAsync(nameof(ConsumptionTests));
        await cluster.Producer.AppendBatchAsync([
            StreamTests.Entry(Key, "f1", 1, poison: true, ns: FanoutAuditGrain.Namespace),
            StreamTests.Entry(Key, "f2", 2, ns: FanoutAuditGrain.Namespace)]);

        await cluster.WaitForEntriesAsync(FanoutAuditGrain.GrainTypeName, Key, 2);
        await cluster.WaitForEntriesAsync(FanoutStrictGrain.GrainTypeName, Key, 1);
        var dead = (await cluster.DeadLetters.ListAsync(new DeadLetterQuery(Namespace: FanoutAuditGrain.Namespace))).Should().ContainSingle().Subject;
        dead.Subscriber.Should().Be(FanoutStrictGrain.GrainTypeName);
        dead.MessageId.Should().Be("f1");

        Ledger.Cures.Add(Key);
        (await cluster.DeadLetters.ReplayAsync(dead.Id)).Should().BeTrue();
        await cluster.WaitForEntriesAsync(FanoutStrictGrain.GrainTypeName, Key, 2);

        // Once the replay is behind the checkpoint, both consumers have been given it.
        await Eventually.TrueAsync(async () => await cluster.CheckpointedAsync(FanoutAuditGrain.Namespace, Key) == 3, StreamTests.Deadline, "the replay delivered to every consumer");
        (await cluster.EntriesAsync(FanoutStrictGrain.GrainTypeName, Key)).Select(e => e.EntryId).Should().Equal("f2", "f1");
        (await cluster.VersionAsync(FanoutStrictGrain.GrainTypeName, Key)).Should().Be(2);
        (await cluster.EntriesAsync(FanoutAuditGrain.GrainTypeName, Key)).Select(e => e.EntryId).Should().Equal("f1", "f2");
        (await cluster.VersionAsync(FanoutAuditGrain.GrainTypeName, Key)).Should().Be(2, "the consumer that had taken f1 was not given the replay");
        (await cluster.ConsumedAsync(FanoutAuditGrain.GrainTypeName, FanoutAuditGrain.Namespace, Key)).Should().Be(2);
        (await cluster.DeadLetters.CountAsync()).Should().Be(0);
    }
}
