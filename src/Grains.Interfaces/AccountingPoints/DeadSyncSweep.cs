namespace OrleansSync.Grains.AccountingPoints;

/// <summary>One sweep: dead syncs found and handed back to their points, and tracking repairs.</summary>
/// <param name="Found">Sync rows whose last_sync_start was older than the threshold.</param>
/// <param name="Recovered">Of those, the ones the point grain recorded and rescheduled (the rest finished meanwhile).</param>
/// <param name="TrackingRepaired">Points whose tracked flag disagreed with their controllable units.</param>
[GenerateSerializer, Immutable]
public sealed record DeadSyncSweep(int Found, int Recovered, int TrackingRepaired);
