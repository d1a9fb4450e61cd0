namespace OrleansSync.Api.Dashboard;

/// <summary>GET /api/dashboard/streams: backlog, lag and throughput per partition, and the cluster's stream history.</summary>
public sealed record StreamsView(DateTimeOffset At, StreamTotals Totals, IReadOnlyList<StreamPartition> Partitions, IReadOnlyList<ClusterPoint> History);

/// <summary>
/// Stream figures of the whole cluster. EventsDelivered counts deliveries since the live silos started
/// (each subscriber counts); FailedAttempts the attempts that threw since then (retried or dead-lettered).
/// </summary>
public sealed record StreamTotals(
    long Pending,
    long DeadLetters,
    long ProcessedLastMinute,
    double MaxLagSeconds,
    double EventsPerSecond,
    double FailedAttemptsPerSecond,
    long EventsDelivered,
    long FailedAttempts);

/// <summary>A partition with anything pending, dead or recently processed; its owner as the silos' snapshots report it; LagSeconds is the age of its oldest pending message.</summary>
public sealed record StreamPartition(int Partition, Guid? OwnerSiloId, string? OwnerHostName, long Pending, double LagSeconds, long DeadLetters, long ProcessedLastMinute);

/// <summary>
/// A dead letter as the dashboard lists it for readers: without its payload (which can hold personal
/// data; admins read it at GET /admin/dead-letters/{id}).
/// </summary>
public sealed record DeadLetterSummary(
    long Id,
    string Namespace,
    string Key,
    string Subscriber,
    string MessageId,
    DateTimeOffset AppendedAt,
    int Attempts,
    string? LastError,
    DateTimeOffset DeadAt);

/// <summary>A page of dead letters; pass <see cref="Next"/> as <c>after</c> for the next page (null when this page is the last).</summary>
public sealed record DeadLetterSummaryPage(DateTimeOffset At, IReadOnlyList<DeadLetterSummary> Items, long? Next);
