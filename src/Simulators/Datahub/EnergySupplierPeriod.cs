using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>Contract schema <c>energy_supplier</c>; <c>business_id</c> is a GLN.</summary>
public sealed record EnergySupplierPeriod : ITimelinePeriod
{
    [JsonPropertyName("business_id")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("valid_from")]
    public required DateTimeOffset ValidFrom { get; init; }

    [JsonPropertyName("valid_to")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ValidTo { get; init; }

    public ITimelinePeriod WithValidity(DateTimeOffset validFrom, DateTimeOffset? validTo) =>
        this with { ValidFrom = validFrom, ValidTo = validTo };
}
