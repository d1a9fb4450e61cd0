using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// incentives-api IncentiveReviewSummary (incentive-review-summary-current-response.json): a booking's
/// current review, with the booking's reviews newest first in <see cref="IepDetails"/> when asked for
/// (<c>with-details=true</c>), otherwise an empty list.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveReviewSummary(
    long Id,
    string IepCode,
    string IepLevel,
    string PrisonerNumber,
    long BookingId,
    DateOnly IepDate,
    DateTime IepTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LocationId,
    IReadOnlyList<IncentiveReviewDetail> IepDetails,
    DateOnly NextReviewDate,
    int DaysSinceReview);
