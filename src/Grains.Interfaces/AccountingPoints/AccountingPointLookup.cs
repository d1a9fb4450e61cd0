namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Answer to a lookup: the point when it is held (or was just fetched), and the fetch's result when the
/// lookup had to fetch it. Point null and Fetch.Outcome = NotFound means the datahub has no such point.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccountingPointLookup(AccountingPointDetails? Point, AccountingPointSyncResult? Fetch);
