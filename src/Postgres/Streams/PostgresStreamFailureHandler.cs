using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Called when Orleans gives up delivering a container (its consumer could not even be reached for
/// <c>MaxEventDeliveryTime</c>; a consumer that runs dead-letters its own failures after the attempt
/// limit). The container's messages become dead letters for every consumer, replayable, and the
/// queue's checkpoint may pass them. Implicit subscriptions are never faulted.
/// </summary>
internal sealed class PostgresStreamFailureHandler(Func<PostgresQueueAdapterReceiver?> receiverOfQueue, PostgresDeadLetters deadLetters, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        var receiver = receiverOfQueue();
        if (receiver is null || sequenceToken is null || receiver.InFlight(sequenceToken.SequenceNumber) is not { } container)
        {
            logger.LogError("Stream {Stream}: delivery given up at {Token}, but its messages are no longer known here; they are delivered again from the queue's checkpoint", streamIdentity, sequenceToken);
            return;
        }

        foreach (var message in container.Events)
        {
            await deadLetters.AddAsync(message, message.Consumer ?? DeadLetter.AnyConsumer, attempts: 1, "Orleans gave up delivering the message (MaxEventDeliveryTime).");
        }

        logger.LogError("Stream {Stream}: delivery of {Count} messages given up; they are dead letters now", streamIdentity, container.Events.Count);
        receiver.Complete([container.Token.SequenceNumber]);
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        logger.LogError("Stream {Stream}: subscription {Subscription} failed at {Token}", streamIdentity, subscriptionId, sequenceToken);
        return Task.CompletedTask;
    }
}
