using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// nomis-prisoner-api IncentiveResponse (fixture nomis-incentive-response.json; property order as there).
/// <c>auditModule</c> and <c>whenUpdated</c> are in the current DTO but not the older fixture; like every null
/// they are omitted when absent.
/// </summary>
public sealed record IncentiveResponse
{
    [JsonPropertyName("bookingId")]
    public required long BookingId { get; init; }

    [JsonPropertyName("incentiveSequence")]
    public required long IncentiveSequence { get; init; }

    [JsonPropertyName("commentText")]
    public string? CommentText { get; init; }

    [JsonPropertyName("iepDateTime")]
    public required DateTime IepDateTime { get; init; }

    [JsonPropertyName("whenCreated")]
    public required DateTime WhenCreated { get; init; }

    [JsonPropertyName("prisonId")]
    public required string PrisonId { get; init; }

    [JsonPropertyName("iepLevel")]
    public required CodeDescription IepLevel { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("currentIep")]
    public required bool CurrentIep { get; init; }

    [JsonPropertyName("offenderNo")]
    public required string OffenderNo { get; init; }

    [JsonPropertyName("auditModule")]
    public string? AuditModule { get; init; }

    [JsonPropertyName("whenUpdated")]
    public DateTime? WhenUpdated { get; init; }
}
