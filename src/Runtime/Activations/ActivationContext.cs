using OrleansSync.Runtime.Calls;
using OrleansSync.Runtime.State;

namespace OrleansSync.Runtime.Activations;

/// <summary>What an activation knows about itself: identity, placement, the lease epoch it was created under, and its open unit of work.</summary>
internal sealed class ActivationContext(GrainId id, int partition, long epoch, SiloRuntime services, Activation activation)
{
    public GrainId Id { get; } = id;

    public int Partition { get; } = partition;

    /// <summary>The fencing token: every durable write of this activation must find the lease still at this epoch.</summary>
    public long Epoch { get; } = epoch;

    public SiloRuntime Services { get; } = services;

    public Activation Activation { get; } = activation;

    public UnitOfWork? CurrentUnitOfWork { get; set; }

    public void RequestDeactivation(DeactivationReason reason) => Activation.RequestDeactivation(reason);

    /// <summary>
    /// Runs a durable write in the turn's open unit of work (it commits with it), or else in a
    /// unit of work of its own, committed here: a lone write is fenced like any other.
    /// </summary>
    public async Task WriteAsync(Func<UnitOfWork, Task> write)
    {
        if (CurrentUnitOfWork is { } open)
        {
            await write(open);
            return;
        }

        await using var unitOfWork = (UnitOfWork)await BeginUnitOfWorkAsync(CancellationToken.None);
        await write(unitOfWork);
        await unitOfWork.CommitAsync();
    }

    public async Task<IUnitOfWork> BeginUnitOfWorkAsync(CancellationToken cancellationToken)
    {
        if (CurrentUnitOfWork is not null)
        {
            throw new InvalidOperationException($"{Id} already has an open unit of work; commit or dispose it first.");
        }

        var unitOfWork = await UnitOfWork.BeginAsync(this, RequestContext.Current?.Checkpoint, cancellationToken);
        CurrentUnitOfWork = unitOfWork;
        return unitOfWork;
    }
}
