namespace OrleansSync.Grains.Incentives;

/// <summary>
/// A review recorded in DPS (CreateIncentiveReviewRequest after validation): level code, comment,
/// review type, and optionally when (local time, default now) and by whom.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CreateIncentiveReview(string IepLevel, string Comment, string ReviewType, DateTime? ReviewTime, string? ReviewedBy);
