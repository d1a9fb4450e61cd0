
namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// One accounting point, keyed by its GSRN: the single writer of its rows, so syncs of one point never
/// overlap. Syncs fetch from the datahub adapter and mirror its timeline from valid_from in one fenced
/// transaction. A key that is not a valid GSRN fails activation.
/// </summary>
public interface IAccountingPointGrain : IGrainWithStringKey
{
    /// <summary>Syncs now (after the shared adapter limiter admits it) and returns the result.</summary>
    Task<AccountingPointSyncResult> SyncAsync(SyncTrigger trigger);

    /// <summary>
    /// Asks for a sync soon: a burst of requests results in one sync (the earliest scheduled time wins).
    /// Returns when it is due.
    /// </summary>
    Task<DateTimeOffset?> RequestSyncAsync(SyncTrigger trigger);

    /// <summary>The point as held locally; if it is not held, fetches it first (a lookup never answers "unknown" without asking the datahub).</summary>
    Task<AccountingPointLookup> LookupAsync();

    /// <summary>The point as held locally, or null; never calls the adapter.</summary>
    Task<AccountingPointDetails?> GetAsync();

    /// <summary>Every recorded change of the point's rows, or null when the point is not held.</summary>
    Task<AccountingPointHistory?> GetHistoryAsync();

    /// <summary>
    /// Re-reads the point's controllable units: starts or stops background resync, and when the point is
    /// tracked but was never fetched (or a unit now starts before the data held), fetches it at once
    /// (<paramref name="syncNow"/>) or soon.
    /// </summary>
    Task<TrackingResult> ControllableUnitsChangedAsync(bool syncNow);

    /// <summary>
    /// Called by the sweeper: if the point's last sync started longer ago than the dead-sync threshold
    /// and never finished, records it (attempt, error, dead-sync count) and schedules a retry. False when
    /// there was nothing to recover (it finished meanwhile).
    /// </summary>
    Task<bool> RecoverDeadSyncAsync();

    /// <summary>
    /// Called by the point's resync shard: runs whatever is due now (the scheduled one-off sync first,
    /// else the periodic resync) and returns its result; null when nothing is due any more.
    /// </summary>
    Task<AccountingPointSyncResult?> SyncDueAsync();
}
