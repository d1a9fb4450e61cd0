namespace OrleansSync.Bench.Grains;

/// <summary>The grain design, one unit of work per event: current row + history + outbox event, fenced, with the message consumed; the writes queued, so the unit of work is one round trip.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class PerEventEntityGrain : EntityGrain, IStreamSubscriber
{
    public const string Namespace = "bench-events";

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        EntityWrites.Apply(unitOfWork, EntityKey, [message]);
        await unitOfWork.CommitAsync();
    }
}
