using Npgsql;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>
/// The dashboard's stream figures straight from the provider's tables: backlog per queue (messages
/// past its checkpoint and the age of the oldest), open dead letters in all and per stream.
/// </summary>
public sealed class StreamStatisticsTests() : StreamsDatabaseTests(nameof(StreamStatisticsTests))
{
    [Fact]
    public async Task Backlog_counts_only_messages_past_each_queues_checkpoint()
    {
        foreach (var (queue, id) in new[] { (0, "a1"), (0, "a2"), (0, "a3"), (2, "b1") })
        {
            await Database.ExecuteAsync(
                "insert into stream_message (queue, namespace, stream_key, message_id, payload, appended_at) values ($1, 'stats', 'k', $2, '{}', now() - interval '30 seconds')",
                queue, id);
        }

        // Queue 0's agent has passed its first message.
        await Database.ExecuteAsync("""
            insert into stream_queue_checkpoint (queue, tx, id)
            select queue, tx, id from stream_message where message_id = 'a1'
            """);

        var backlog = await new StreamStatistics(DataSource).BacklogAsync();

        backlog.Select(q => (q.Queue, q.Pending)).Should().Equal((0, 2L), (2, 1L));
        backlog.Should().OnlyContain(q => q.LagSeconds >= 29);
    }

    [Fact]
    public async Task Open_dead_letters_are_counted_in_all_and_per_stream()
    {
        foreach (var (message, key, state) in new[] { (1L, "k1", "dead"), (2L, "k1", "dead"), (3L, "k2", "dead"), (4L, "k2", "replayed") })
        {
            await Database.ExecuteAsync(
                """
                insert into stream_dead_letter (message, namespace, stream_key, message_id, payload, appended_at, consumer, attempts, state, finished_at)
                values ($1, 'stats', $2, 'm' || $1, '{}', now(), 'test.consumer', 3, $3, case when $3 = 'dead' then null else now() end)
                """,
                message, key, state);
        }

        var statistics = new StreamStatistics(DataSource);

        (await statistics.DeadLettersAsync()).Should().Be(3);
        (await statistics.DeadLettersByStreamAsync()).Should().BeEquivalentTo([("stats", "k1", 2L), ("stats", "k2", 1L)]);
    }
}
