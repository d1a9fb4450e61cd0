namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// An adapter document after validation: what the point should look like from valid_from on. Every bound
/// is an Oslo midnight and every list is ordered and free of overlaps.
/// </summary>
public sealed record AccountingPointSnapshot(
    string Gsrn,
    LocationUpdate Location,
    IReadOnlyList<TimelinePeriod<EndUserValue>> EndUsers,
    IReadOnlyList<TimelinePeriod<string>> EnergySuppliers,
    IReadOnlyList<TimelinePeriod<string>> MeteringGridAreas);

/// <summary>The value an end user period carries.</summary>
public sealed record EndUserValue(string BusinessId, string? EntityType);

/// <summary>A value over [From, To); To null = open-ended.</summary>
public sealed record TimelinePeriod<T>(T Value, DateTimeOffset From, DateTimeOffset? To)
{
    public bool Overlaps(DateTimeOffset from, DateTimeOffset? to) =>
        (To is null || To > from) && (to is null || From < to);
}

/// <summary>What to do with the stored location.</summary>
public sealed record LocationUpdate(bool Keep, double? Latitude, double? Longitude)
{
    /// <summary>The adapter said nothing about location (no keys): leave it.</summary>
    public static LocationUpdate Unchanged { get; } = new(true, null, null);

    public static LocationUpdate Set(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon ? new(false, lat, lon) : new(false, null, null);
}
