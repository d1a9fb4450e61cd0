using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Response of <c>GET {prefix}/admin/reference_data</c>: the parties generated points refer to. FIS fails a
/// sync whose supplier or grid area it does not know, so a test environment seeds these first.
/// </summary>
public sealed record DatahubReferenceDataResponse(
    [property: JsonPropertyName("energy_suppliers")] IReadOnlyList<string> EnergySuppliers,
    [property: JsonPropertyName("metering_grid_areas")] IReadOnlyList<string> MeteringGridAreas);
