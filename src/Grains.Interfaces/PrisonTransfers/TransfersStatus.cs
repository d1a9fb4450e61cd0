namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// The transfers sync at a glance (the dashboard's transfers section): moves and POM changes applied,
/// merges applied, prisoners whose lookup is failing and being retried (pending), events that ran out
/// of attempts (dead letters of the transfers grain), and the latest of each.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TransfersStatus(
    long Applications,
    long SubmittedApplications,
    long TransfersApplied,
    long PomChangesApplied,
    long MergesApplied,
    long Pending,
    long Failing,
    DateTimeOffset? LastTransferAt,
    DateTimeOffset? LastPomChangeAt,
    IReadOnlyList<TransferPending> PendingPrisoners);

/// <summary>A prisoner whose last transfer event could not be applied yet, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferPending(string NomsNumber, string EventType, int Attempts, string LastError, DateTimeOffset LastAttemptAt);
