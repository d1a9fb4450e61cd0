namespace OrleansSync.Api.Dashboard;

/// <summary>GET /api/dashboard/silos/{siloId}: one silo's resources, activations by type, stream lag of its partitions, and history.</summary>
public sealed record SiloDetailView(
    DateTimeOffset At,
    SiloSummary Silo,
    IReadOnlyList<GrainTypeCount> ActivationsByType,
    IReadOnlyList<PartitionLag> StreamLag,
    long Calls,
    long Errors,
    long EventsDelivered,
    long FailedAttempts,
    long RemindersDelivered,
    IReadOnlyList<SiloPoint> History);

public sealed record GrainTypeCount(string GrainType, long Activations);

public sealed record PartitionLag(int Partition, double LagSeconds);

/// <summary>One silo at one sample: what the silo page's charts draw.</summary>
public sealed record SiloPoint(DateTimeOffset At, double CpuPercent, long WorkingSetBytes, long GcHeapBytes, long Activations, double CallsPerSecond);
