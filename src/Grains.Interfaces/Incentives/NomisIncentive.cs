using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Incentives;

/// <summary>nomis-prisoner-api IncentiveResponse (nomis-incentive-response.json). Times are NOMIS local times without a zone.</summary>
[GenerateSerializer, Immutable]
public sealed record NomisIncentive(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("incentiveSequence")] long IncentiveSequence,
    [property: JsonPropertyName("commentText")] string? CommentText,
    [property: JsonPropertyName("iepDateTime")] DateTime IepDateTime,
    [property: JsonPropertyName("whenCreated")] DateTime WhenCreated,
    [property: JsonPropertyName("prisonId")] string PrisonId,
    [property: JsonPropertyName("iepLevel")] NomisCodeDescription IepLevel,
    [property: JsonPropertyName("userId")] string? UserId,
    [property: JsonPropertyName("currentIep")] bool CurrentIep,
    [property: JsonPropertyName("offenderNo")] string OffenderNo,
    [property: JsonPropertyName("auditModule")] string? AuditModule = null,
    [property: JsonPropertyName("whenUpdated")] DateTime? WhenUpdated = null)
{
    /// <summary>
    /// The review time DPS records: the IEP's date and time with the seconds of <see cref="WhenCreated"/>,
    /// because the NOMIS screen drops seconds and same-minute IEPs would otherwise lose their order
    /// (prisoner-from-nomis-migration sdi-456).
    /// </summary>
    [JsonIgnore]
    public DateTime ReviewTime => new(IepDateTime.Year, IepDateTime.Month, IepDateTime.Day, IepDateTime.Hour, IepDateTime.Minute, WhenCreated.Second, DateTimeKind.Unspecified);
}

/// <summary>A NOMIS reference code with its description.</summary>
[GenerateSerializer, Immutable]
public sealed record NomisCodeDescription(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("description")] string Description);
