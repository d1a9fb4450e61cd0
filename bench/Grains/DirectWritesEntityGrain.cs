namespace OrleansSync.Bench.Grains;

/// <summary>
/// <see cref="PerEventEntityGrain"/> with its writes run by the grain itself instead of queued (<see cref="IUnitOfWork.Write"/>):
/// two round trips per unit of work instead of one. Most of the product's grains write this way today.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class DirectWritesEntityGrain : EntityGrain, IStreamSubscriber
{
    public const string Namespace = "bench-events-direct";

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await EntityWrites.ApplyDirectlyAsync(unitOfWork, EntityKey, [message]);
        await unitOfWork.CommitAsync();
    }
}
