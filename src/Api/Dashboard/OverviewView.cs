namespace OrleansSync.Api.Dashboard;

/// <summary>
/// GET /api/dashboard/overview: the cluster at a glance, with the history the charts draw. At is when
/// the silos' snapshots were read (ages and relative times are measured from it); SampleIntervalSeconds
/// is how often the figures change, and the page refreshes at that pace.
/// </summary>
public sealed record OverviewView(
    DateTimeOffset At,
    double SampleIntervalSeconds,
    ClusterTotals Totals,
    IReadOnlyList<SiloSummary> Silos,
    IReadOnlyList<ClusterPoint> History);

/// <summary>
/// Figures summed over the silos that are not dead. Counters (<see cref="Calls"/>, <see cref="EventsDelivered"/>, ...)
/// are cumulative since each silo started; rates and percentiles are over the latest sampling interval.
/// Percentiles are the upper bound of the latency bucket reached (see LatencyHistogram).
/// </summary>
public sealed record ClusterTotals(
    int Silos,
    int HealthySilos,
    int OwnedPartitions,
    long Activations,
    long Calls,
    long Errors,
    double CallsPerSecond,
    double ErrorsPerSecond,
    double ErrorRate,
    double P50Ms,
    double P99Ms,
    long EventsDelivered,
    double EventsPerSecond,
    long FailedAttempts,
    double FailedAttemptsPerSecond,
    long PendingEvents,
    long DeadLetters,
    long ProcessedLastMinute,
    double MaxLagSeconds,
    long RemindersDue,
    long RemindersOverdue,
    long RemindersDelivered);

/// <summary>
/// One silo as the tables list it. <see cref="Health"/>: healthy; stale (no heartbeat or snapshot within
/// Dashboard:StaleAfter: stuck, partitioned from the database, or killed and not yet declared dead); stopping; dead.
/// </summary>
public sealed record SiloSummary(
    Guid SiloId,
    string Address,
    string HostName,
    string Status,
    string Health,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    DateTimeOffset HeartbeatAt,
    double HeartbeatAgeSeconds,
    double? StatisticsAgeSeconds,
    int Partitions,
    long Activations,
    double CpuPercent,
    long WorkingSetBytes,
    long GcHeapBytes,
    double CallsPerSecond,
    double ErrorsPerSecond,
    double EventsPerSecond,
    long RemindersDue,
    long RemindersOverdue);

/// <summary>The cluster at one sample: what the overview's history charts draw.</summary>
public sealed record ClusterPoint(
    DateTimeOffset At,
    double CallsPerSecond,
    double ErrorsPerSecond,
    double ErrorRate,
    double P50Ms,
    double P99Ms,
    long Activations,
    double EventsPerSecond,
    double MaxLagSeconds);
