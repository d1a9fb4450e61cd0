

namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>Read-only views of the whole cluster for dashboards and operators; callable on any silo or gateway.</summary>
public interface IClusterStatistics
{
    /// <summary>Members with their leases and latest statistics snapshot (written by each silo every few seconds).</summary>
    Task<IReadOnlyList<SiloView>> SilosAsync(CancellationToken cancellationToken = default);

    /// <summary>Reminders in due order, after the given one (keyset paging), and the total count.</summary>
    Task<(IReadOnlyList<ReminderView> Page, long Total)> RemindersAsync(ReminderView? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Backlog and throughput per partition, for partitions with anything pending, dead or recently processed.</summary>
    Task<IReadOnlyList<PartitionStreamView>> StreamsAsync(CancellationToken cancellationToken = default);
}
