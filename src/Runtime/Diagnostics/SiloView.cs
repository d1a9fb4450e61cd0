namespace OrleansSync.Runtime.Diagnostics;

/// <summary>A cluster member as the dashboard shows it: membership, leases, and its latest statistics.</summary>
public sealed record SiloView(
    Guid SiloId,
    string Address,
    string HostName,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    string Status,
    int Partitions,
    DateTimeOffset? StatisticsAt,
    SiloStatistics? Statistics);
