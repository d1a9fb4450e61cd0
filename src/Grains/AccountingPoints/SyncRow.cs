namespace OrleansSync.Grains.AccountingPoints;

/// <summary>A point's accounting_point_sync row as the grain reads it.</summary>
internal sealed record SyncRow(AccountingPointSyncStatus Status, TimeSpan? ResyncPeriod, bool Held);
