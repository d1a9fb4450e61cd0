using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// incentives-api IncentiveReviewDetail (incentive-review-response.json): one review. <see cref="IepLevel"/>
/// is the level's name and <see cref="IepCode"/> its code; <see cref="IepTime"/> is a local date-time
/// (Europe/London, no zone) as in NOMIS. Optional members are omitted when absent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveReviewDetail(
    long Id,
    string IepLevel,
    string IepCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Comments,
    string PrisonerNumber,
    long BookingId,
    DateOnly IepDate,
    DateTime IepTime,
    string AgencyId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LocationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId,
    string ReviewType,
    string AuditModuleName,
    bool IsRealReview);
