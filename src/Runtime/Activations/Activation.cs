using System.Threading.Channels;
using OrleansSync.Runtime.Calls;

namespace OrleansSync.Runtime.Activations;

/// <summary>
/// One live grain: its instance and a FIFO mailbox drained by a single loop, so turns never
/// overlap. The loop first waits for any previous activation of the same grain to finish
/// deactivating, which keeps "at most one activation" true across deactivation and re-activation.
/// </summary>
internal sealed class Activation
{
    private readonly Channel<WorkItem> _mailbox = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly GrainCatalog _catalog;
    private readonly Task _predecessor;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private long _turns;
    private long _lastUsed;
    private DeactivationReason? _deactivation;
    private long _turnsWhenIdleRequested = -1;

    public Activation(GrainId id, int partition, long epoch, SiloRuntime runtime, GrainCatalog catalog, Task predecessor)
    {
        _catalog = catalog;
        _predecessor = predecessor;
        Context = new ActivationContext(id, partition, epoch, runtime, this);
        _lastUsed = runtime.Time.GetTimestamp();
    }

    public ActivationContext Context { get; }

    public GrainId Id => Context.Id;

    /// <summary>Completes when the activation has fully deactivated.</summary>
    public Task Completion => _completion.Task;

    public bool IsIdle => Volatile.Read(ref _pending) == 0;

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Start() => _ = Task.Run(RunAsync);

    public bool TryEnqueue(WorkItem item)
    {
        Interlocked.Increment(ref _pending);
        if (_mailbox.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    /// <summary>Deactivates after the current turn; queued calls move to the next activation.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        _deactivation ??= reason;
        _mailbox.Writer.TryWrite(WorkItem.DeactivationMarker(reason));
    }

    /// <summary>Deactivates only if no turn runs between now and the marker reaching the front of the mailbox.</summary>
    public void RequestIdleDeactivation(DeactivationReason reason)
    {
        Interlocked.Exchange(ref _turnsWhenIdleRequested, Interlocked.Read(ref _turns));
        _mailbox.Writer.TryWrite(WorkItem.DeactivationMarker(reason));
    }

    private async Task RunAsync()
    {
        try
        {
            await _predecessor;
        }
        catch (Exception exception)
        {
            Context.Services.Logger.LogDebug(exception, "Previous activation of {GrainType} {GrainKey} ended with an error", Id.Type, Id.Key);
        }

        Grain grain;
        try
        {
            grain = await Context.Services.Activator.CreateAsync(Context);
            Context.Services.Metrics.ActivationCreated(Id.Type);
        }
        catch (Exception exception)
        {
            Context.Services.Logger.LogError(exception, "{GrainType} {GrainKey} failed to activate", Id.Type, Id.Key);
            _mailbox.Writer.TryComplete();
            while (_mailbox.Reader.TryRead(out var item))
            {
                item.Result.TrySetException(exception);
            }

            _catalog.Remove(this);
            _completion.TrySetResult();
            return;
        }

        var reason = await DrainAsync(grain);
        await DeactivateAsync(grain, reason);
    }

    private async Task<DeactivationReason> DrainAsync(Grain grain)
    {
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                if (item.Deactivation is { } marker)
                {
                    if (_deactivation is { } requested)
                    {
                        return requested;
                    }

                    // An idle or capacity collection: abandoned if a turn ran since it was asked for.
                    if (Interlocked.Read(ref _turns) == Interlocked.Read(ref _turnsWhenIdleRequested) && Volatile.Read(ref _pending) == 0)
                    {
                        return marker;
                    }

                    continue;
                }

                RequestContext.Current = item.Context;
                try
                {
                    item.Result.TrySetResult(await item.RunAsync(grain));
                }
                catch (Exception exception)
                {
                    item.Result.TrySetException(exception);
                }
                finally
                {
                    RequestContext.Current = null;
                    Interlocked.Increment(ref _turns);
                    Interlocked.Decrement(ref _pending);
                    Volatile.Write(ref _lastUsed, Context.Services.Time.GetTimestamp());
                }

                if (_deactivation is { } afterTurn)
                {
                    return afterTurn;
                }
            }
        }

        return _deactivation ?? DeactivationReason.ShuttingDown;
    }

    private async Task DeactivateAsync(Grain grain, DeactivationReason reason)
    {
        _mailbox.Writer.TryComplete();
        try
        {
            using var timeout = new CancellationTokenSource(Context.Services.Options.CallTimeout);
            await grain.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception exception)
        {
            Context.Services.Logger.LogWarning(exception, "{GrainType} {GrainKey} failed in OnDeactivateAsync", Id.Type, Id.Key);
        }

        if (Context.CurrentUnitOfWork is { } abandoned)
        {
            await abandoned.DisposeAsync();
        }

        Context.Services.Metrics.ActivationCollected(Id.Type, reason);
        Context.Services.Logger.LogDebug("{GrainType} {GrainKey} deactivated ({Reason})", Id.Type, Id.Key, reason);
        _catalog.Remove(this);
        _completion.TrySetResult();

        // Calls that arrived after the decision go to the next activation (or the new owner).
        while (_mailbox.Reader.TryRead(out var item))
        {
            if (item.Deactivation is null)
            {
                Interlocked.Decrement(ref _pending);
                _catalog.Redispatch(Id, item);
            }
        }
    }
}
