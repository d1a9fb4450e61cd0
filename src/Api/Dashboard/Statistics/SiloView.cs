namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>A cluster member as the dashboard shows it: membership and its latest statistics.</summary>
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
