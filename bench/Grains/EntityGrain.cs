namespace OrleansSync.Bench.Grains;

/// <summary>
/// The grain design under test, one transaction per event: the entity's grain applies each event
/// in its own fenced unit of work (current row, history row, outbox event on the runtime's stream).
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class EntityGrain : Grain, IStreamSubscriber
{
    public const string Namespace = "bench-events";

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await EntityWrites.ApplyAsync(unitOfWork, GrainId.Key, [message]);
        await unitOfWork.CommitAsync();
    }
}
