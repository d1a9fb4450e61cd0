namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Sync bookkeeping of one point (table <c>accounting_point_sync</c>; not history). Times are the
/// database's clock.
/// </summary>
/// <param name="State">Derived state (see <see cref="SyncState"/>).</param>
/// <param name="Tracked">Has a controllable unit that is not terminated, so it is resynced in the background.</param>
/// <param name="LastSyncStart">Set while a sync runs; a value older than the dead-sync threshold is a dead sync.</param>
/// <param name="LastSyncedAt">When the last successful sync finished.</param>
/// <param name="DataAsOf">When the last successful sync asked the adapter (events older than this are already covered).</param>
/// <param name="ValidFrom">The <c>valid_from</c> of the last successful sync.</param>
/// <param name="Version">Successful syncs so far.</param>
/// <param name="Attempts">Consecutive failed attempts since the last success.</param>
/// <param name="LastOutcome">synced, not_found or failed.</param>
/// <param name="LastError">The reason of the last failure (cleared by a success).</param>
/// <param name="LastErrorAt">When the last failure was recorded.</param>
/// <param name="NextSyncAt">A scheduled one-off sync (retry, event, dead-sync recovery), if any.</param>
/// <param name="DeadSyncs">Dead syncs found for this point so far.</param>
/// <param name="LastDeadSyncAt">When the last dead sync was found.</param>
[GenerateSerializer, Immutable]
public sealed record AccountingPointSyncStatus(
    string Gsrn,
    SyncState State,
    bool Tracked,
    DateTimeOffset? LastSyncStart,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? DataAsOf,
    DateTimeOffset? ValidFrom,
    long Version,
    int Attempts,
    string? LastOutcome,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? NextSyncAt,
    int DeadSyncs,
    DateTimeOffset? LastDeadSyncAt);
