namespace OrleansSync.Grains.AccountingPoints;

/// <summary>The sync status screen: counts by state, the oldest sync, dead syncs and failing points.</summary>
/// <param name="At">The database time the summary was taken at.</param>
/// <param name="Points">Points with a sync row (tracked, or held after a lookup).</param>
/// <param name="Tracked">Points with controllable units (resynced in the background).</param>
/// <param name="ByState">Count per <see cref="SyncState"/> name; every state is present.</param>
/// <param name="OldestSync">The tracked point whose last successful sync is the oldest.</param>
/// <param name="Dead">Syncs started longer ago than the threshold and not finished (the sweeper recovers them).</param>
/// <param name="Failing">Points with at least the configured consecutive failures, most attempts first.</param>
/// <param name="RecentDeadSyncs">Points whose dead sync was found in the last 24 hours.</param>
/// <param name="DeadSyncsFound">Dead syncs found since the points were first synced.</param>
[GenerateSerializer, Immutable]
public sealed record AccountingPointSyncSummary(
    DateTimeOffset At,
    long Points,
    long Tracked,
    IReadOnlyDictionary<string, long> ByState,
    OldestSync? OldestSync,
    IReadOnlyList<DeadSync> Dead,
    IReadOnlyList<FailingAccountingPoint> Failing,
    IReadOnlyList<RecoveredDeadSync> RecentDeadSyncs,
    long DeadSyncsFound);

[GenerateSerializer, Immutable]
public sealed record OldestSync(string Gsrn, DateTimeOffset LastSyncedAt);

[GenerateSerializer, Immutable]
public sealed record DeadSync(string Gsrn, DateTimeOffset LastSyncStart, int Attempts);

[GenerateSerializer, Immutable]
public sealed record FailingAccountingPoint(
    string Gsrn,
    int Attempts,
    string? LastOutcome,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? NextSyncAt);

[GenerateSerializer, Immutable]
public sealed record RecoveredDeadSync(string Gsrn, DateTimeOffset FoundAt, int DeadSyncs);
