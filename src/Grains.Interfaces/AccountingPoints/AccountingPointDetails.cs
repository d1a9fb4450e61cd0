namespace OrleansSync.Grains.AccountingPoints;

/// <summary>The local copy of an accounting point: its current rows and its sync status.</summary>
/// <param name="Location">WGS84 location, when the adapter gave one.</param>
/// <param name="RecordedAt">When the point row (its location) last changed.</param>
[GenerateSerializer, Immutable]
public sealed record AccountingPointDetails(
    string Gsrn,
    AccountingPointLocation? Location,
    IReadOnlyList<AccountingPointEndUser> EndUsers,
    IReadOnlyList<AccountingPointEnergySupplier> EnergySuppliers,
    IReadOnlyList<AccountingPointMeteringGridArea> MeteringGridAreas,
    DateTimeOffset RecordedAt,
    AccountingPointSyncStatus? Sync);

[GenerateSerializer, Immutable]
public sealed record AccountingPointLocation(double Latitude, double Longitude);

/// <summary>An end user over [ValidFrom, ValidTo): organisation number (9 digits) or birth number (11 digits).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountingPointEndUser(string BusinessId, string? EntityType, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo);

/// <summary>An energy supplier (GLN) over [ValidFrom, ValidTo).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountingPointEnergySupplier(string BusinessId, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo);

/// <summary>A metering grid area (EIC-Y) over [ValidFrom, ValidTo).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountingPointMeteringGridArea(string BusinessId, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo);
