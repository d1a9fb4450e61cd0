namespace OrleansSync.Runtime;

/// <summary>
/// A stream subscriber that can take several consecutive messages of its key in one turn, and
/// so apply them in one unit of work: one transaction instead of one per message, with every
/// message's checkpoint committed with it. If a batch fails, its messages are delivered again
/// one at a time through <see cref="IStreamSubscriber.OnNextAsync"/>, so retries and dead letters
/// stay per message.
/// </summary>
public interface IStreamBatchSubscriber : IStreamSubscriber
{
    Task OnNextBatchAsync(IReadOnlyList<StreamEvent> messages);
}
