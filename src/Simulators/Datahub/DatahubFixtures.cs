namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// The adapter fixtures from the contracts folder (FIS' WireMock bodies), rebuilt value for value and keyed by
/// their file names without ".json". Embedded rather than read from disk because the simulators also run
/// where the contracts folder is not deployed. All three share GSRN 133700000000000053, so registering one
/// replaces another. Note their timestamps are UTC midnight, not Oslo midnight, and their MGA code fails the
/// EIC check character: they are served exactly as written.
/// </summary>
public static class DatahubFixtures
{
    public const string Plain = "elhub-adapter-accounting-point-200";
    public const string WithLocation = "elhub-adapter-accounting-point-200-with-location";
    public const string WithNullLocation = "elhub-adapter-accounting-point-200-with-null-location";
    public const string FixtureGsrn = "133700000000000053";

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly AccountingPointDocument PlainDocument = new()
    {
        Gsrn = FixtureGsrn,
        EndUser = [new EndUserPeriod { BusinessId = "123456789", EntityType = EndUserPeriod.Organisation, ValidFrom = Start }],
        EnergySupplier = [new EnergySupplierPeriod { BusinessId = "1234567890123", ValidFrom = Start }],
        MeteringGridArea = [new MeteringGridAreaPeriod { BusinessId = "10Y1001A1001A264", ValidFrom = Start }],
    };

    public static IReadOnlyDictionary<string, AccountingPointDocument> All { get; } = new Dictionary<string, AccountingPointDocument>
    {
        [Plain] = PlainDocument,
        [WithLocation] = PlainDocument with { Latitude = 59.9139, Longitude = 10.7522 },
        [WithNullLocation] = PlainDocument with { Latitude = null, Longitude = null },
    };
}
