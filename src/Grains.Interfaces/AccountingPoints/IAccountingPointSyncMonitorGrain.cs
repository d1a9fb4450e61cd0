
namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The singleton (key <see cref="Key"/>) that watches every point's sync: a periodic sweep finds dead
/// syncs (started, never finished), reports them (log, metric, status screen) and pokes their grains to
/// retry; and it answers the sync status summary.
/// </summary>
public interface IAccountingPointSyncMonitorGrain : IGrainWithStringKey
{
    public const string Key = "sweeper";

    /// <summary>Registers the sweep reminder (idempotent; every silo calls it at start-up).</summary>
    Task StartAsync();

    /// <summary>Runs one sweep now.</summary>
    Task<DeadSyncSweep> SweepAsync();

    Task<AccountingPointSyncSummary> GetSummaryAsync();
}
