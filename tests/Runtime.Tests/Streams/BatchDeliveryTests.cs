using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Streams;

public sealed class BatchDeliveryTests : SiloTestBase
{
    protected override void Configure(RuntimeOptions options) => options.StreamMaxAttempts = 2;

    [Fact]
    public async Task A_backlog_of_one_key_is_applied_in_few_transactions_exactly_once_and_in_order()
    {
        await Silo.Runtime.StreamProducer.AppendBatchAsync([.. Enumerable.Range(1, 200).Select(i => Message("backlog", i))]);

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where stream_key = 'backlog'") >= 200, TimeSpan.FromSeconds(20), "every message is applied");

        (await ScalarAsync("select count(distinct message_id) from test_received where stream_key = 'backlog'")).Should().Be(200);
        (await ScalarAsync("select count(*) from test_received where stream_key = 'backlog'")).Should().Be(200, "none twice");
        (await ScalarAsync("select count(*) from (select sequence, lag(sequence) over (order by id) as previous from test_received where stream_key = 'backlog') s where sequence <> previous + 1")).Should().Be(0);
        Probe.Counters.Keys.Where(k => k.StartsWith("turn-size:", StringComparison.Ordinal)).Select(k => int.Parse(k["turn-size:".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Should().Contain(size => size > 1, "consecutive messages of a key share turns");
    }

    [Fact]
    public async Task A_poison_message_in_a_batch_is_retried_alone_while_the_others_apply_once()
    {
        await Silo.Runtime.StreamProducer.AppendBatchAsync([Message("mixed", 1), Message("mixed", 2), Message("mixed", 3, poison: true), Message("mixed", 4), Message("mixed", 5)]);

        await Eventually.TrueAsync(async () => (await Silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(Key: "mixed"))).Count == 1, TimeSpan.FromSeconds(20), "the poison message becomes a dead letter");
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where stream_key = 'mixed'") == 4, TimeSpan.FromSeconds(20), "the other four apply");

        (await Silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(Key: "mixed"))).Single().MessageId.Should().Be("mixed-3");
        (await ScalarAsync("select count(distinct message_id) from test_received where stream_key = 'mixed'")).Should().Be(4, "the failed batch rolled back, so nothing applied twice");
    }

    private static StreamAppend Message(string key, int sequence, bool poison = false) =>
        new(BatchRecorderGrain.Namespace, key, $"{key}-{sequence}", JsonSerializer.Serialize(new TestMessage(sequence, poison), RuntimeJson.Options));
}
