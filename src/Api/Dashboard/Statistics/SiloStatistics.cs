namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>A silo's statistics at one moment; counters are cumulative since the silo started.</summary>
public sealed record SiloStatistics(
    DateTimeOffset At,
    IReadOnlyDictionary<string, long> ActivationsByType,
    IReadOnlyList<MethodStatistics> Methods,
    double CpuPercent,
    long WorkingSetBytes,
    long GcHeapBytes,
    int OwnedPartitions,
    IReadOnlyDictionary<int, double> StreamLagSeconds,
    long StreamDelivered,
    long StreamFailedAttempts,
    long RemindersDelivered,
    long RemindersDue,
    long RemindersOverdue);
