using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Streams;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>One queue's receiver on its own, as Orleans' pulling agent drives it.</summary>
public sealed class QueueReceiverTests() : StreamsDatabaseTests(nameof(QueueReceiverTests))
{
    [Fact]
    public async Task A_read_cancelled_because_the_agent_stops_returns_nothing_and_loses_nothing()
    {
        await Database.ExecuteAsync("insert into stream_message (queue, namespace, stream_key, message_id, payload) values (0, 'receiver', 'k', 'm1', '{}')");
        var receiver = new PostgresQueueAdapterReceiver(QueueId.GetQueueId("postgres", 0, 0), DataSource, new PostgresStreamOptions(), NullLogger.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(30));

        // A silo that shuts down cancels the read in flight; Orleans logs an exception from it as a
        // failed read ("!!!!!!!!!! Exception while retrying"), on every graceful stop.
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        (await receiver.GetQueueMessagesAsync(10, stopping.Token)).Should().BeEmpty();

        // The queue's position did not move: the next read (here, or by the queue's next owner) has the message.
        IList<IBatchContainer> read = [];
        await Eventually.TrueAsync(async () => (read = await receiver.GetQueueMessagesAsync(10, CancellationToken.None)).Count > 0, StreamTests.Deadline,
            "the message to be read after the cancelled read");
        read.Cast<PostgresBatchContainer>().SelectMany(container => container.Events).Select(message => message.MessageId).Should().Equal("m1");
    }
}
