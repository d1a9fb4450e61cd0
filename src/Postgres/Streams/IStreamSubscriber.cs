namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Implemented by an <see cref="Entities.EntityGrain"/> with an [ImplicitStreamSubscription]: every
/// message of the namespace whose stream key is the grain's key arrives here, one at a time and
/// in order. Throwing retries the message with backoff while later messages of the key wait;
/// after the attempt limit it becomes a dead letter and the key moves on. A unit of work that
/// commits during the call also records the message as consumed, so its effect happens once.
/// </summary>
public interface IStreamSubscriber
{
    Task OnNextAsync(StreamEvent message);
}
