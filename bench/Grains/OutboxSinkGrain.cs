namespace OrleansSync.Bench.Grains;

/// <summary>Receives the entity grains' outbox events, so they are delivered as in production (the reference design's outbox is never delivered: that favours it).</summary>
[ImplicitStreamSubscription(EntityWrites.OutboxNamespace)]
public sealed class OutboxSinkGrain : EntityGrain, IStreamSubscriber
{
    Task IStreamSubscriber.OnNextAsync(StreamEvent message) => Task.CompletedTask;
}
