using OrleansSync.Runtime.Activations;

namespace OrleansSync.Runtime;

/// <summary>
/// Base class of grains. One activation per grain exists in the cluster, and it runs one turn at a
/// time in arrival order; so a grain may keep in-memory state without locks.
/// </summary>
public abstract class Grain
{
    private ActivationContext? _context;

    internal ActivationContext Context => _context ?? throw new InvalidOperationException("The grain is not activated yet; use OnActivateAsync instead of the constructor.");

    public GrainId GrainId => Context.Id;

    protected IGrainFactory GrainFactory => Context.Services.GrainFactory;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this grain once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Context.RequestDeactivation(DeactivationReason.Requested);

    /// <summary>Registers or updates a durable reminder: first due after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    protected Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Context.Services.Reminders.RegisterOrUpdateAsync(Context, reminderName, dueTime, period);

    protected Task UnregisterReminder(string reminderName) =>
        Context.Services.Reminders.UnregisterAsync(Context, reminderName);

    /// <summary>Starts a fenced transaction; state writes in this turn join it until it commits or is disposed.</summary>
    protected Task<IUnitOfWork> BeginUnitOfWorkAsync(CancellationToken cancellationToken = default) =>
        Context.BeginUnitOfWorkAsync(cancellationToken);

    internal void Attach(ActivationContext context) => _context = context;
}
