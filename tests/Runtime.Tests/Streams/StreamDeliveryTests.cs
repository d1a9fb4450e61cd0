using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Streams;

public sealed class StreamDeliveryTests : SiloTestBase
{
    private IStreamProducer Producer => Silo.Runtime.StreamProducer;

    protected override void Configure(RuntimeOptions options) => options.StreamMaxAttempts = 3;

    [Fact]
    public async Task Ten_thousand_messages_over_a_thousand_keys_from_four_producers_arrive_exactly_once_and_in_order_per_key()
    {
        const int Keys = 1000;
        const int PerKey = 10;

        // Each producer owns a quarter of the keys and appends each key's sequence in order,
        // in batches, interleaved with the other producers.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(producer => Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= PerKey; sequence++)
            {
                var batch = Enumerable.Range(0, Keys).Where(k => k % 4 == producer)
                    .Select(k => new StreamAppend(RecorderGrain.Namespace, $"key{k}", $"m-{k}-{sequence}", Json(new TestMessage(sequence))))
                    .ToList();
                foreach (var chunk in batch.Chunk(50))
                {
                    await Producer.AppendBatchAsync(chunk);
                }
            }
        })));

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received") >= Keys * PerKey, TimeSpan.FromSeconds(120), "every message is delivered");

        (await ScalarAsync("select count(*) from test_received")).Should().Be(Keys * PerKey, "nothing is delivered twice");
        (await ScalarAsync("select count(distinct message_id) from test_received")).Should().Be(Keys * PerKey);
        (await ScalarAsync("""
            select count(*) from (
                select sequence, lag(sequence) over (partition by stream_key order by id) as previous from test_received) s
            where previous is not null and sequence <> previous + 1
            """)).Should().Be(0, "each key's messages were handled in the order they were appended");
        Probe.Events.Should().NotContain(e => e.StartsWith("out-of-order", StringComparison.Ordinal));
        (await ScalarAsync("select count(*) from rt_stream_message where state <> 'processed'")).Should().Be(0);
    }

    [Fact]
    public async Task A_duplicate_message_id_is_dropped()
    {
        (await Producer.AppendAsync(RecorderGrain.Namespace, "dup", "same-id", Json(new TestMessage(1)))).Should().BeTrue();
        (await Producer.AppendAsync(RecorderGrain.Namespace, "dup", "same-id", Json(new TestMessage(1)))).Should().BeFalse();
        (await Producer.AppendBatchAsync([new StreamAppend(RecorderGrain.Namespace, "dup", "same-id", Json(new TestMessage(1))), new StreamAppend(RecorderGrain.Namespace, "dup", "other-id", Json(new TestMessage(2)))])).Should().Be(1);

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where stream_key = 'dup'") == 2, TimeSpan.FromSeconds(10), "both distinct messages arrive");
        (await ScalarAsync("select count(*) from test_received where message_id = 'same-id'")).Should().Be(1);
    }

    [Fact]
    public async Task A_poison_message_becomes_a_dead_letter_without_blocking_other_keys_and_replays()
    {
        await Producer.AppendAsync(RecorderGrain.Namespace, "sick", "poison-1", Json(new TestMessage(1, Poison: true)));
        await Producer.AppendAsync(RecorderGrain.Namespace, "sick", "after-poison", Json(new TestMessage(2)));
        await Producer.AppendAsync(RecorderGrain.Namespace, "healthy", "healthy-1", Json(new TestMessage(1)));

        await Eventually.TrueAsync(async () => (await Silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(RecorderGrain.Namespace))).Count == 1, TimeSpan.FromSeconds(15), "the poison message is dead-lettered");
        var deadLetter = (await Silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(RecorderGrain.Namespace))).Single();
        deadLetter.MessageId.Should().Be("poison-1");
        deadLetter.Attempts.Should().Be(3);
        deadLetter.LastError.Should().Contain("InvalidOperationException").And.Contain("Poison poison-1");
        Probe.Count("failed:poison-1").Should().Be(3, "it was attempted exactly the configured number of times");
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where message_id in ('after-poison', 'healthy-1')") == 2, TimeSpan.FromSeconds(10), "the key moves on, and other keys were never blocked");

        Probe.Record("heal:poison-1");
        (await Silo.Runtime.DeadLetters.ReplayAsync(deadLetter.Id)).Should().BeTrue();

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where message_id = 'poison-1'") == 1, TimeSpan.FromSeconds(10), "the replayed message is delivered");
        (await Silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery())).Should().BeEmpty();
        (await Silo.Runtime.DeadLetters.ReplayAsync(deadLetter.Id)).Should().BeFalse("it is no longer a dead letter");
    }

    [Fact]
    public async Task A_discarded_dead_letter_is_never_delivered()
    {
        await Producer.AppendAsync(RecorderGrain.Namespace, "discard", "poison-2", Json(new TestMessage(1, Poison: true)));
        await Eventually.TrueAsync(async () => (await Silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(Key: "discard"))).Count == 1, TimeSpan.FromSeconds(15), "dead-lettered");
        var deadLetter = (await Silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(Key: "discard"))).Single();

        (await Silo.Runtime.DeadLetters.DiscardAsync(deadLetter.Id)).Should().BeTrue();

        (await Silo.Runtime.DeadLetters.GetAsync(deadLetter.Id)).Should().BeNull();
        (await ScalarAsync("select count(*) from rt_stream_message where message_id = 'poison-2' and state = 'discarded'")).Should().Be(1);
    }

    [Fact]
    public async Task A_message_committed_after_a_later_one_is_still_delivered()
    {
        var queue = Silo.Runtime.Streams;
        await using var slow = new NpgsqlConnection(Database.ConnectionString);
        await slow.OpenAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await queue.AppendAsync(slow, slowTransaction, [new StreamAppend(RecorderGrain.Namespace, "late", "late-committer", Json(new TestMessage(1)))], CancellationToken.None);

        await Producer.AppendAsync(RecorderGrain.Namespace, "early", "early-committer", Json(new TestMessage(1)));
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where message_id = 'early-committer'") == 1, TimeSpan.FromSeconds(10), "the higher id is delivered first");
        await slowTransaction.CommitAsync();
        queue.Signal([.. Enumerable.Range(0, Silo.Runtime.PartitionCount)]);

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where message_id = 'late-committer'") == 1, TimeSpan.FromSeconds(10), "the lower id committed later is not skipped");
        (await ScalarAsync("select id from rt_stream_message where message_id = 'late-committer'")).Should().BeLessThan(await ScalarAsync("select id from rt_stream_message where message_id = 'early-committer'"));
    }

    [Fact]
    public async Task Events_published_in_a_rolled_back_unit_of_work_are_never_delivered()
    {
        var grain = Grains.GetGrain<IOutboxGrain>("outbox");

        await grain.PublishAsync("rolled-back", 1, commit: false);
        await grain.PublishAsync("committed", 1, commit: true);

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where message_id = 'committed'") == 1, TimeSpan.FromSeconds(10), "the committed event is delivered");
        (await ScalarAsync("select count(*) from rt_stream_message where message_id = 'rolled-back'")).Should().Be(0, "the rolled-back event never reached the stream");
        (await ScalarAsync("select count(*) from test_received where message_id = 'rolled-back'")).Should().Be(0);
    }

    [Fact]
    public async Task A_second_delivery_of_a_processed_message_rolls_its_effect_back()
    {
        await Producer.AppendAsync(RecorderGrain.Namespace, "redeliver", "once", Json(new TestMessage(1)));
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where message_id = 'once'") == 1, TimeSpan.FromSeconds(10), "delivered");
        var rowId = await ScalarAsync("select id from rt_stream_message where message_id = 'once'");

        // What a racing agent would do after a partition moved: deliver the same row again.
        var onNext = Calls.GrainMethod.For(typeof(IStreamSubscriber).GetMethod(nameof(IStreamSubscriber.OnNextAsync))!);
        var again = new StreamEvent(RecorderGrain.Namespace, "redeliver", "once", Json(new TestMessage(2)), DateTimeOffset.UtcNow, 1);
        var act = () => Silo.Runtime.Router.InvokeAsync(new GrainId(nameof(RecorderGrain), "redeliver"), onNext, [again], new OrleansSync.Runtime.Streams.StreamCheckpoint([rowId]));

        await act.Should().ThrowAsync<OrleansSync.Runtime.Streams.DuplicateDeliveryException>();
        (await ScalarAsync("select count(*) from test_received where message_id = 'once'")).Should().Be(1, "the effect committed exactly once");
    }

    private static string Json(TestMessage message) => JsonSerializer.Serialize(message, RuntimeJson.Options);
}
