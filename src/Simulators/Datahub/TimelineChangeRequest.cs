using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Body of <c>POST {prefix}/admin/accounting_points/{gsrn}/timeline</c>: what happens in the datahub when a
/// customer moves in or out, switches supplier, or the grid area is reorganised. snake_case like the contract.
/// </summary>
public sealed record TimelineChangeRequest
{
    public const string EndUser = "end_user";
    public const string EnergySupplier = "energy_supplier";
    public const string MeteringGridArea = "metering_grid_area";
    public const string EnergyDirection = "energy_direction";

    /// <summary>Which list: end_user, energy_supplier, metering_grid_area or energy_direction.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>New holder from valid_from; null leaves [valid_from, valid_to) empty (e.g. move-out).</summary>
    [JsonPropertyName("business_id")]
    public string? BusinessId { get; init; }

    /// <summary>end_user only: person or organisation (omitted from output when null).</summary>
    [JsonPropertyName("entity_type")]
    public string? EntityType { get; init; }

    /// <summary>energy_direction only.</summary>
    [JsonPropertyName("direction")]
    public IReadOnlyList<string>? Direction { get; init; }

    [JsonPropertyName("valid_from")]
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>End of the changed range; null = open-ended (everything after valid_from is replaced).</summary>
    [JsonPropertyName("valid_to")]
    public DateTimeOffset? ValidTo { get; init; }
}
