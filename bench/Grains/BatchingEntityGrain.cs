namespace OrleansSync.Bench.Grains;

/// <summary>
/// The same work, but the entity's grain takes the backlog of its key in one turn and one unit of
/// work (<see cref="IStreamBatchSubscriber"/>): what owning the entity makes possible.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class BatchingEntityGrain : EntityGrain, IStreamBatchSubscriber
{
    public const string Namespace = "bench-events-batched";

    Task IStreamSubscriber.OnNextAsync(StreamEvent message) => ApplyAsync([message]);

    Task IStreamBatchSubscriber.OnNextBatchAsync(IReadOnlyList<StreamEvent> messages) => ApplyAsync(messages);

    private async Task ApplyAsync(IReadOnlyList<StreamEvent> messages)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        EntityWrites.Apply(unitOfWork, EntityKey, messages);
        await unitOfWork.CommitAsync();
    }
}
