namespace OrleansSync.Grains.AccountingPoints;

/// <summary>The result of one sync attempt of one accounting point.</summary>
/// <param name="Gsrn">The accounting point.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Trigger">What asked for it.</param>
/// <param name="ValidFrom">The <c>valid_from</c> sent to the adapter (Oslo midnight), when it got that far.</param>
/// <param name="Changes">Rows inserted, updated and deleted, when synced.</param>
/// <param name="Version">The sync version after the attempt (incremented by every successful sync).</param>
/// <param name="Attempts">Consecutive failed attempts after this one (0 after a success).</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="DurationMs">Wall time of the attempt, limiter wait included.</param>
[GenerateSerializer, Immutable]
public sealed record AccountingPointSyncResult(
    string Gsrn,
    SyncOutcome Outcome,
    SyncTrigger Trigger,
    DateTimeOffset? ValidFrom,
    TimelineChanges? Changes,
    long Version,
    int Attempts,
    string? Error,
    double DurationMs);
