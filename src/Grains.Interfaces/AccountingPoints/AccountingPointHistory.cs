namespace OrleansSync.Grains.AccountingPoints;

/// <summary>Every recorded change of a point's rows, oldest first.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountingPointHistory(string Gsrn, IReadOnlyList<AccountingPointHistoryEntry> Entries);

/// <summary>
/// One change as recorded by the history triggers: the row's values after an insert or update, or the
/// values removed by a delete, with the time of the transaction that made it.
/// </summary>
/// <param name="Kind">accounting_point, end_user, energy_supplier or metering_grid_area.</param>
/// <param name="Operation">insert, update or delete.</param>
/// <param name="RowId">The changed row's id (stable across its updates).</param>
[GenerateSerializer, Immutable]
public sealed record AccountingPointHistoryEntry(
    string Kind,
    string Operation,
    DateTimeOffset RecordedAt,
    long RowId,
    string? BusinessId,
    string? EntityType,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    double? Latitude,
    double? Longitude);
