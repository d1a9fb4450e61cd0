using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Contract schema <c>end_user</c>. <c>entity_type</c> and an open <c>valid_to</c> are omitted rather than
/// written as null, exactly as in the adapter fixtures (both are optional in the OpenAPI document).
/// </summary>
public sealed record EndUserPeriod : ITimelinePeriod
{
    public const string Person = "person";
    public const string Organisation = "organisation";

    /// <summary>Organisation number (9 digits) or birth number (11 digits).</summary>
    [JsonPropertyName("business_id")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("entity_type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EntityType { get; init; }

    [JsonPropertyName("valid_from")]
    public required DateTimeOffset ValidFrom { get; init; }

    [JsonPropertyName("valid_to")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ValidTo { get; init; }

    public ITimelinePeriod WithValidity(DateTimeOffset validFrom, DateTimeOffset? validTo) =>
        this with { ValidFrom = validFrom, ValidTo = validTo };
}
