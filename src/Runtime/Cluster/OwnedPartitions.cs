namespace OrleansSync.Runtime.Cluster;

/// <summary>
/// The partitions this silo holds, each with the epoch it was acquired at. Components that work
/// per partition (activations, stream agents, reminders) subscribe to acquisitions and losses.
/// </summary>
public sealed class OwnedPartitions
{
    private readonly ConcurrentDictionary<int, long> _epochs = new();

    /// <summary>Raised after a partition is acquired: (partition, epoch).</summary>
    public event Action<int, long>? Acquired;

    /// <summary>
    /// Raised when a partition stops being ours: handed back, expired or fenced. Handlers stop work
    /// for it and return a task that completes when that work has ended (graceful hand-back awaits it).
    /// </summary>
    public event Func<int, long, Task>? Lost;

    public int Count => _epochs.Count;

    public bool TryGetEpoch(int partition, out long epoch) => _epochs.TryGetValue(partition, out epoch);

    public int[] Snapshot() => [.. _epochs.Keys.Order()];

    public IReadOnlyDictionary<int, long> EpochSnapshot() => new Dictionary<int, long>(_epochs);

    internal void Add(int partition, long epoch)
    {
        _epochs[partition] = epoch;
        Acquired?.Invoke(partition, epoch);
    }

    /// <summary>Removes the partition if still held at <paramref name="epoch"/> and waits for its work to stop.</summary>
    internal async Task RemoveAsync(int partition, long epoch)
    {
        if (!((ICollection<KeyValuePair<int, long>>)_epochs).Remove(new KeyValuePair<int, long>(partition, epoch)))
        {
            return;
        }

        // In subscription order: stream agents and reminders finish their in-flight work before the
        // catalog deactivates the partition's grains.
        if (Lost is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<int, long, Task>>())
            {
                await handler(partition, epoch);
            }
        }
    }
}
