using System.Text.Json;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>The PostgreSQL stream provider on a real Orleans silo: idempotent appends, order per key, retries, dead letters, batches, the outbox.</summary>
public sealed class StreamDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private StreamsCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StreamsCluster.StartAsync(nameof(StreamDeliveryTests));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Appends_are_idempotent_by_message_id_within_and_across_batches()
    {
        var first = await _cluster.Producer.AppendBatchAsync([Entry("idem", "m1", 1), Entry("idem", "m2", 2), Entry("idem", "m1", 1)]);
        var second = await _cluster.Producer.AppendBatchAsync([Entry("idem", "m2", 2), Entry("idem", "m3", 3)]);
        var single = await _cluster.Producer.AppendAsync(LedgerGrain.Namespace, "idem", "m3", Json(new LedgerEntry(3, 1)));

        first.Should().Be(2);
        second.Should().Be(1);
        single.Should().BeFalse();
        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, "idem", 3);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "idem")).Select(e => e.EntryId).Should().Equal("m1", "m2", "m3");
    }

    [Fact]
    public async Task Each_key_is_delivered_in_order_while_keys_go_in_parallel()
    {
        const int keys = 12, perKey = 25;
        for (var sequence = 1; sequence <= perKey; sequence++)
        {
            await _cluster.Producer.AppendBatchAsync([.. Enumerable.Range(0, keys).Select(k => Entry($"order-{k}", $"order-{k}-{sequence}", sequence))]);
        }

        for (var k = 0; k < keys; k++)
        {
            await WaitForEntriesAsync(LedgerGrain.GrainTypeName, $"order-{k}", perKey);
            (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, $"order-{k}")).Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, perKey));
        }
    }

    /// <summary>
    /// A queue is read in transaction order, numerically: transaction 9 before 10, although "10"
    /// sorts first as text (the read once ordered by its text column, and a fresh database's
    /// transaction ids cross 999 to 1000 within a test).
    /// </summary>
    [Fact]
    public async Task A_keys_messages_are_read_in_transaction_order_even_where_their_ids_sort_otherwise_as_text()
    {
        const string key = "xid-order";
        var queue = new StreamQueueMap(PostgresStreams.ProviderName, 4).QueueOf(LedgerGrain.Namespace, key);
        await _cluster.Database.ExecuteAsync(
            """
            insert into stream_message (tx, queue, namespace, stream_key, message_id, payload)
            values ('9'::xid8, $1, $2, $3, 'x1', $4::jsonb), ('10'::xid8, $1, $2, $3, 'x2', $5::jsonb)
            """,
            queue, LedgerGrain.Namespace, key, Json(new LedgerEntry(1, 1)), Json(new LedgerEntry(2, 1)));

        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, key, 2);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, key)).Select(e => e.EntryId).Should().Equal("x1", "x2");
    }

    [Fact]
    public async Task A_failing_message_is_retried_while_later_messages_of_its_key_wait()
    {
        await _cluster.Producer.AppendBatchAsync([
            Entry("retry", "r1", 1, failTimes: 2),
            Entry("retry", "r2", 2),
            Entry("retry-other", "o1", 1)]);

        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, "retry", 2);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "retry")).Select(e => e.EntryId).Should().Equal("r1", "r2");
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "retry-other")).Should().ContainSingle();
        (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Key: "retry"))).Should().BeEmpty();
    }

    [Fact]
    public async Task After_the_attempt_limit_a_message_is_a_dead_letter_the_key_moves_on_and_a_replay_delivers_it()
    {
        await _cluster.Producer.AppendBatchAsync([Entry("poison", "p1", 1, poison: true), Entry("poison", "p2", 2)]);

        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, "poison", 1);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "poison")).Select(e => e.EntryId).Should().Equal("p2");
        var dead = (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Namespace: LedgerGrain.Namespace, Key: "poison"))).Should().ContainSingle().Subject;
        dead.MessageId.Should().Be("p1");
        dead.Subscriber.Should().Be(LedgerGrain.GrainTypeName);
        dead.Attempts.Should().Be(3);
        dead.LastError.Should().Contain("Poison message p1");
        (await _cluster.DeadLetters.GetAsync(dead.Id)).Should().NotBeNull();

        Ledger.Cures.Add("poison");
        (await _cluster.DeadLetters.ReplayAsync(dead.Id)).Should().BeTrue();
        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, "poison", 2);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "poison")).Select(e => e.EntryId).Should().Equal("p2", "p1");
        (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Key: "poison"))).Should().BeEmpty();
        (await _cluster.DeadLetters.ReplayAsync(dead.Id)).Should().BeFalse("a replayed dead letter is no longer dead");
    }

    [Fact]
    public async Task A_discarded_dead_letter_is_gone_and_never_delivered()
    {
        await _cluster.Producer.AppendBatchAsync([Entry("discard", "d1", 1, poison: true)]);
        await Eventually.TrueAsync(async () => (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Key: "discard"))).Count == 1, Deadline, "the poison message becomes a dead letter");
        var dead = (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Key: "discard")))[0];

        (await _cluster.DeadLetters.DiscardAsync(dead.Id)).Should().BeTrue();
        (await _cluster.DeadLetters.DiscardAsync(dead.Id)).Should().BeFalse();
        (await _cluster.DeadLetters.ReplayAsync(dead.Id)).Should().BeFalse();
        (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Key: "discard"))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_batch_subscriber_takes_a_keys_backlog_in_one_unit_of_work()
    {
        // Appended in one transaction, the backlog is read at once and delivered as one batch.
        await _cluster.Producer.AppendBatchAsync([.. Enumerable.Range(1, 40).Select(i => Entry("backlog", $"b{i}", i, ns: BatchLedgerGrain.Namespace))]);

        await WaitForEntriesAsync(BatchLedgerGrain.GrainTypeName, "backlog", 40);
        var entries = await _cluster.EntriesAsync(BatchLedgerGrain.GrainTypeName, "backlog");
        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 40));
        entries.Max(e => e.Batch).Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task A_failing_batch_is_delivered_one_message_at_a_time_so_only_the_failing_message_is_retried()
    {
        await _cluster.Producer.AppendBatchAsync([
            Entry("split", "s1", 1, ns: BatchLedgerGrain.Namespace),
            Entry("split", "s2", 2, failTimes: 1, ns: BatchLedgerGrain.Namespace),
            Entry("split", "s3", 3, ns: BatchLedgerGrain.Namespace)]);

        await WaitForEntriesAsync(BatchLedgerGrain.GrainTypeName, "split", 3);
        (await _cluster.EntriesAsync(BatchLedgerGrain.GrainTypeName, "split")).Select(e => e.EntryId).Should().Equal("s1", "s2", "s3");
    }

    [Fact]
    public async Task Events_published_in_a_unit_of_work_reach_their_subscriber_once()
    {
        await _cluster.Producer.AppendBatchAsync([Entry("outbox", "e1", 1, echo: true), Entry("outbox", "e2", 2, echo: true)]);

        await WaitForEntriesAsync(EchoGrain.GrainTypeName, "outbox", 2);
        (await _cluster.EntriesAsync(EchoGrain.GrainTypeName, "outbox")).Select(e => e.EntryId).Should().Equal("echo/e1", "echo/e2");
    }

    /// <summary>
    /// A write queued with the commit that fails takes the whole unit of work with it: the ledger row queued before it
    /// does not commit and the fence does not advance. The message is retried like any failure: once it passes, it takes
    /// effect once; failing every attempt, it is a dead letter that names PostgreSQL's error, and the key moves on.
    /// </summary>
    [Fact]
    public async Task A_queued_write_that_fails_at_commit_leaves_nothing_of_its_unit_of_work_and_is_retried()
    {
        await _cluster.Producer.AppendBatchAsync([
            new(LedgerGrain.Namespace, "queued", "q1", Json(new LedgerEntry(1, 1, FailAtCommitTimes: 1))),
            Entry("queued", "q2", 2),
            new(LedgerGrain.Namespace, "queued-dead", "d1", Json(new LedgerEntry(1, 1, FailAtCommitTimes: 3))),
            Entry("queued-dead", "d2", 2)]);

        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, "queued", 2);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "queued")).Select(e => e.EntryId).Should().Equal("q1", "q2");
        (await _cluster.VersionAsync(LedgerGrain.GrainTypeName, "queued")).Should().Be(2, "only the two units of work that committed advanced the fence");

        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, "queued-dead", 1);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "queued-dead")).Select(e => e.EntryId).Should().Equal("d2");
        (await _cluster.VersionAsync(LedgerGrain.GrainTypeName, "queued-dead")).Should().Be(1, "none of d1's three attempts committed");
        var dead = (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Key: "queued-dead"))).Should().ContainSingle().Subject;
        dead.MessageId.Should().Be("d1");
        dead.Attempts.Should().Be(3);
        dead.LastError.Should().Contain("23502", "the not-null violation of the queued write is the error");
    }

    [Fact]
    public async Task A_message_committed_after_a_later_one_is_still_delivered()
    {
        // A producer transaction that started first but commits last (an outbox in a long unit of
        // work) must not be skipped: readers pass only messages of transactions older than every
        // transaction still running, so the later message waits for it rather than overtaking it.
        await using var connection = new Npgsql.NpgsqlConnection(_cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        var producer = (PostgresStreamProducer)_cluster.Producer;
        await using (var batch = new Npgsql.NpgsqlBatch(connection, slow) { BatchCommands = { producer.Prepare([Entry("late", "late-1", 1)])! } })
        {
            await batch.ExecuteNonQueryAsync();
        }

        await _cluster.Producer.AppendBatchAsync([Entry("late", "late-2", 2)]);
        await slow.CommitAsync();

        await WaitForEntriesAsync(LedgerGrain.GrainTypeName, "late", 2);
        (await _cluster.EntriesAsync(LedgerGrain.GrainTypeName, "late")).Select(e => e.EntryId).Should().Equal("late-1", "late-2");
    }

    private async Task WaitForEntriesAsync(string grain, string key, int count) =>
        await Eventually.TrueAsync(async () => (await _cluster.EntriesAsync(grain, key)).Count >= count, Deadline, $"{count} entries of {grain}/{key}");

    private static StreamAppend Entry(string key, string messageId, int sequence, int failTimes = 0, bool poison = false, bool echo = false, string ns = LedgerGrain.Namespace) =>
        new(ns, key, messageId, Json(new LedgerEntry(sequence, 1, failTimes, poison, echo)));

    private static string Json(LedgerEntry entry) => JsonSerializer.Serialize(entry, StreamJson.Options);
}
