namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// One of the fixed resync shards (key: shard number, 0 … AccountingPoints:ResyncShards − 1). Woken by
/// its one reminder, it dispatches its shard's due points (periodic resyncs and scheduled one-off
/// syncs) to their grains; the due times live in accounting_point_sync, not in reminders.
/// </summary>
public interface IAccountingPointResyncShardGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the shard's reminder (idempotent; every silo calls it at start-up).</summary>
    Task StartAsync();

    /// <summary>Dispatches one batch of due points now; returns how many were dispatched.</summary>
    Task<int> DispatchAsync();
}
