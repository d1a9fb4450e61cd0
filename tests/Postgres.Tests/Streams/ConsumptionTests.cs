using Microsoft.Extensions.DependencyInjection;
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
    public async Task A_batch_subscriber_that_is_behind_takes_its_keys_later_messages_in_one_unit_of_work_and_applies_none_twice()
    {
        const string Key = "behind";
        await using var cluster = await StreamsCluster.StartAsync(nameof(ConsumptionTests), settings: new Dictionary<string, string?> { ["Streams:MaxAttempts"] = "1000" });

        // A per-message consumer's key on the same queue: each later message is appended with a probe
        // message in one transaction, and the next waits until the probe was applied. So the queue's
        // reader read each later message on its own, and holds them as separate containers.
        var queues = cluster.Services().GetRequiredService<StreamQueueMap>();
        var probe = Enumerable.Range(0, 100).Select(i => $"probe-{i}")
            .First(k => queues.QueueOf(LedgerGrain.Namespace, k) == queues.QueueOf(BatchLedgerGrain.Namespace, Key));
        async Task AppendAsync(int sequence, bool poison = false)
        {
            await cluster.Producer.AppendBatchAsync([
                StreamTests.Entry(Key, $"{Key}-{sequence}", sequence, poison, BatchLedgerGrain.Namespace),
                StreamTests.Entry(probe, $"{probe}-{sequence}", sequence)]);
            await cluster.WaitForEntriesAsync(LedgerGrain.GrainTypeName, probe, sequence);
        }

        // The first message fails until cured, so the key falls behind while the rest arrive.
        await AppendAsync(1, poison: true);
        for (var sequence = 2; sequence <= 30; sequence++)
        {
            await AppendAsync(sequence);
        }

        Ledger.Cures.Add(Key);
        await cluster.WaitForEntriesAsync(BatchLedgerGrain.GrainTypeName, Key, 30);

        var entries = await cluster.EntriesAsync(BatchLedgerGrain.GrainTypeName, Key);
        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 30), "in order, and none twice although the reader delivered each later message again");
        entries.Skip(1).Should().OnlyContain(e => e.Batch == 29, "the 29 later messages went in one batch, not one per container");
        (await cluster.VersionAsync(BatchLedgerGrain.GrainTypeName, Key)).Should().Be(2, "two units of work: the cured message, then the backlog");
        (await cluster.ConsumedAsync(BatchLedgerGrain.GrainTypeName, BatchLedgerGrain.Namespace, Key)).Should().Be(30);
        (await cluster.DeadLetters.CountAsync()).Should().Be(0);
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
