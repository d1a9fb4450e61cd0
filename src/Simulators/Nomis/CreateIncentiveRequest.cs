using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>nomis-prisoner-api CreateIncentiveRequest (fixture nomis-create-incentive-request.json).</summary>
public sealed record CreateIncentiveRequest
{
    /// <summary>Level code, e.g. STD.</summary>
    [JsonPropertyName("iepLevel")]
    public required string IepLevel { get; init; }

    [JsonPropertyName("comments")]
    public string? Comments { get; init; }

    /// <summary>Java LocalDateTime, e.g. "2021-11-04T13:04".</summary>
    [JsonPropertyName("iepDateTime")]
    public required DateTime IepDateTime { get; init; }

    [JsonPropertyName("prisonId")]
    public required string PrisonId { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }
}
