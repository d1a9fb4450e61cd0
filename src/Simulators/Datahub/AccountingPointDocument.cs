using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Contract schema <c>accounting_point</c> (response of <c>GET /accounting_point/{gsrn}</c>, and the body of the
/// admin PUT). The fixtures show three location shapes: keys absent, keys present with null, keys with values.
/// <see cref="HasLocation"/> records which one a point has: it is set whenever latitude or longitude is
/// assigned (even to null, including by the deserializer when the key is present), and the serializer writes
/// the two keys only when it is true.
/// </summary>
public sealed record AccountingPointDocument
{
    private readonly double? _latitude;
    private readonly double? _longitude;

    [JsonPropertyName("gsrn")]
    public required string Gsrn { get; init; }

    [JsonPropertyName("end_user")]
    public required IReadOnlyList<EndUserPeriod> EndUser { get; init; }

    [JsonPropertyName("energy_supplier")]
    public required IReadOnlyList<EnergySupplierPeriod> EnergySupplier { get; init; }

    [JsonPropertyName("metering_grid_area")]
    public required IReadOnlyList<MeteringGridAreaPeriod> MeteringGridArea { get; init; }

    /// <summary>Optional in the contract and absent from the fixtures; null = key omitted.</summary>
    [JsonPropertyName("energy_direction")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EnergyDirectionPeriod>? EnergyDirection { get; init; }

    [JsonPropertyName("latitude")]
    public double? Latitude
    {
        get => _latitude;
        init
        {
            _latitude = value;
            HasLocation = true;
        }
    }

    [JsonPropertyName("longitude")]
    public double? Longitude
    {
        get => _longitude;
        init
        {
            _longitude = value;
            HasLocation = true;
        }
    }

    /// <summary>Whether <c>latitude</c>/<c>longitude</c> are written at all (see the type remarks).</summary>
    [JsonIgnore]
    public bool HasLocation { get; init; }
}
