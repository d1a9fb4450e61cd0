using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>Contract schema <c>energy_direction</c>: 1-2 unique values of <c>production</c>/<c>consumption</c>.</summary>
public sealed record EnergyDirectionPeriod : ITimelinePeriod
{
    public const string Production = "production";
    public const string Consumption = "consumption";

    [JsonPropertyName("direction")]
    public required IReadOnlyList<string> Direction { get; init; }

    [JsonPropertyName("valid_from")]
    public required DateTimeOffset ValidFrom { get; init; }

    [JsonPropertyName("valid_to")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ValidTo { get; init; }

    public ITimelinePeriod WithValidity(DateTimeOffset validFrom, DateTimeOffset? validTo) =>
        this with { ValidFrom = validFrom, ValidTo = validTo };
}
