namespace OrleansSync.Grains.AccountingPoints;

/// <summary>What an accounting point did after its controllable units changed: its status, and the fetch it ran, if any.</summary>
[GenerateSerializer, Immutable]
public sealed record TrackingResult(AccountingPointSyncStatus? Status, AccountingPointSyncResult? Fetch);
