namespace OrleansSync.Runtime;

/// <summary>
/// A durable write was refused because this silo no longer holds the partition lease at the epoch
/// the activation was created under. Nothing was committed; the partition's activations are
/// deactivated and the caller may retry, which routes to the new owner.
/// </summary>
public sealed class LeaseLostException(int partition, long epoch)
    : Exception($"Partition {partition} is no longer held at epoch {epoch}; the write was not committed.")
{
    public int Partition { get; } = partition;

    public long Epoch { get; } = epoch;
}
