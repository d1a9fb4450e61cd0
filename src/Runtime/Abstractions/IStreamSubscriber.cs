namespace OrleansSync.Runtime;

/// <summary>
/// Implemented by grains with an <see cref="ImplicitStreamSubscriptionAttribute"/>. Messages of one
/// stream key arrive one at a time, in order. Throwing retries the message with backoff; after the
/// attempt limit it becomes a dead letter and the key moves on. A unit of work committed during
/// the call also records the message as processed, so its effect happens exactly once.
/// </summary>
public interface IStreamSubscriber : IGrain
{
    Task OnNextAsync(StreamEvent message);
}
