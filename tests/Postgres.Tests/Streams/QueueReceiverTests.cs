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
        var receiver = await StartReceiverAsync(new PostgresStreamOptions());

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

    [Fact]
    public async Task The_checkpoint_is_saved_at_most_once_per_interval_and_the_rest_when_the_queue_stops()
    {
        var receiver = await StartReceiverAsync(new PostgresStreamOptions { CheckpointInterval = TimeSpan.FromHours(1) });
        var first = await DeliverAsync(receiver, "m1");
        (await CheckpointAsync()).Should().Be(first, "the first checkpoint of a queue is saved at once");

        var second = await DeliverAsync(receiver, "m2");
        (await CheckpointAsync()).Should().Be(first, "a second checkpoint within the interval waits");

        // A queue that moves to another silo (or a silo that stops) saves what it held back, so its next owner starts there.
        await receiver.Shutdown(TimeSpan.FromSeconds(30));
        (await CheckpointAsync()).Should().Be(second);
    }

    [Fact]
    public async Task A_checkpoint_held_back_by_the_interval_is_saved_once_the_queue_goes_quiet()
    {
        var receiver = await StartReceiverAsync(new PostgresStreamOptions { CheckpointInterval = TimeSpan.FromMilliseconds(200) });
        await DeliverAsync(receiver, "m1");
        var second = await DeliverAsync(receiver, "m2");

        // No message comes after m2: the agent's ticks (its reads, which find nothing) save it.
        await Eventually.TrueAsync(async () => (await receiver.GetQueueMessagesAsync(10, CancellationToken.None)).Count == 0 && await CheckpointAsync() == second,
            StreamTests.Deadline, "the checkpoint to reach m2 with no delivery after it");
    }

    private async Task<PostgresQueueAdapterReceiver> StartReceiverAsync(PostgresStreamOptions options)
    {
        var receiver = new PostgresQueueAdapterReceiver(QueueId.GetQueueId("postgres", 0, 0), DataSource, options, NullLogger.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(30));
        return receiver;
    }

    /// <summary>Appends a message, reads it as the agent does and reports it delivered; its row id.</summary>
    private async Task<long> DeliverAsync(PostgresQueueAdapterReceiver receiver, string messageId)
    {
        await Database.ExecuteAsync("insert into stream_message (queue, namespace, stream_key, message_id, payload) values (0, 'receiver', 'k', $1, '{}')", messageId);
        IList<IBatchContainer> read = [];
        await Eventually.TrueAsync(async () => (read = await receiver.GetQueueMessagesAsync(10, CancellationToken.None)).Count > 0, StreamTests.Deadline, $"{messageId} to be read");
        await receiver.MessagesDeliveredAsync(read);
        return read.Cast<PostgresBatchContainer>().Single().Events.Single().RowId;
    }

    private async Task<long?> CheckpointAsync() => (long?)await Database.ScalarAsync("select id from stream_queue_checkpoint where queue = 0");
}
