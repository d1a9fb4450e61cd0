namespace OrleansSync.Postgres.Streams;

/// <summary>
/// A subscriber that can take a key's backlog (consecutive messages of its key) in one turn and
/// apply it in one unit of work, which records every message of the batch as consumed. The batch is
/// what one read of the queue found of the key, and, once the subscriber is behind
/// (<see cref="PostgresStreamOptions.BacklogAfter"/>), the key's later messages in the table. If the
/// batch fails, the delivered messages are delivered again one at a time through
/// <see cref="IStreamSubscriber.OnNextAsync"/>, so retries and dead letters stay per message.
/// </summary>
public interface IStreamBatchSubscriber : IStreamSubscriber
{
    Task OnNextBatchAsync(IReadOnlyList<StreamEvent> messages);
}
