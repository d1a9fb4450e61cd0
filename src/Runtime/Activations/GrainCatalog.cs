namespace OrleansSync.Runtime.Activations;

/// <summary>
/// This silo's live activations. Dispatch finds or creates the activation of a grain; a closed
/// activation stays listed until it has fully deactivated, so its successor can wait for it.
/// Idle activations are collected after the configured age, and the least recently used idle
/// ones when the live count passes the cap.
/// </summary>
internal sealed class GrainCatalog(SiloRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private int _collectingForCapacity;

    public int Count => _activations.Count;

    public IEnumerable<Activation> Activations => _activations.Values;

    public void Dispatch(GrainId id, int partition, long epoch, WorkItem item)
    {
        while (true)
        {
            if (_activations.TryGetValue(id, out var current))
            {
                if (current.Context.Epoch == epoch && current.TryEnqueue(item))
                {
                    return;
                }

                if (current.Context.Epoch != epoch)
                {
                    // The partition was re-acquired under a new epoch: the old activation can no longer commit.
                    current.RequestDeactivation(DeactivationReason.LeaseLost);
                }

                var successor = new Activation(id, partition, epoch, runtime, this, current.Completion);
                if (_activations.TryUpdate(id, successor, current))
                {
                    Start(successor);
                    if (successor.TryEnqueue(item))
                    {
                        return;
                    }
                }

                continue;
            }

            var created = new Activation(id, partition, epoch, runtime, this, Task.CompletedTask);
            if (_activations.TryAdd(id, created))
            {
                Start(created);
                if (created.TryEnqueue(item))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends a call that reached a closing activation back through routing.</summary>
    public void Redispatch(GrainId id, WorkItem item) => runtime.Router.Redispatch(id, item);

    public void Remove(Activation activation) => _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    /// <summary>Deactivates every activation of a partition and waits until they are gone.</summary>
    public Task DeactivatePartitionAsync(int partition, DeactivationReason reason)
    {
        var closing = _activations.Values.Where(a => a.Context.Partition == partition).ToList();
        foreach (var activation in closing)
        {
            activation.RequestDeactivation(reason);
        }

        return Task.WhenAll(closing.Select(a => a.Completion));
    }

    public Task DeactivateAllAsync(DeactivationReason reason)
    {
        var closing = _activations.Values.ToList();
        foreach (var activation in closing)
        {
            activation.RequestDeactivation(reason);
        }

        return Task.WhenAll(closing.Select(a => a.Completion));
    }

    /// <summary>Collects activations idle for longer than the configured age.</summary>
    public int CollectIdle()
    {
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.IsIdle && runtime.Time.GetElapsedTime(activation.LastUsed) >= runtime.Options.ActivationIdleAge)
            {
                activation.RequestIdleDeactivation(DeactivationReason.Idle);
                collected++;
            }
        }

        return collected;
    }

    private void Start(Activation activation)
    {
        activation.Start();
        if (_activations.Count > runtime.Options.MaxActivations && Interlocked.Exchange(ref _collectingForCapacity, 1) == 0)
        {
            _ = Task.Run(CollectForCapacity);
        }
    }

    /// <summary>Over the cap: deactivate the least recently used idle activations down to 90% of it.</summary>
    private void CollectForCapacity()
    {
        try
        {
            var excess = _activations.Count - (int)(runtime.Options.MaxActivations * 0.9);
            foreach (var activation in _activations.Values.Where(a => a.IsIdle).OrderBy(a => a.LastUsed).Take(excess))
            {
                activation.RequestIdleDeactivation(DeactivationReason.ActivationLimit);
            }
        }
        finally
        {
            Volatile.Write(ref _collectingForCapacity, 0);
        }
    }
}
