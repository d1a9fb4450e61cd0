using Npgsql;

namespace OrleansSync.Grains.Incentives.Data;

/// <summary>A row of incentive_review as the grains use it.</summary>
internal sealed record ReviewRow(
    long Id,
    string PrisonerNumber,
    long BookingId,
    DateTime ReviewTime,
    string LevelCode,
    string ReviewType,
    string? Comment,
    string PrisonId,
    string? LocationId,
    string? ReviewedBy,
    bool Current,
    string AuditModuleName,
    string Origin)
{
    public static ReviewRow Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetDateTime(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetBoolean(10),
        reader.GetString(11),
        reader.GetString(12));

    public IncentiveReviewDetail ToDetail() => new(
        Id,
        IncentiveLevels.NameOf(LevelCode),
        LevelCode,
        Comment,
        PrisonerNumber,
        BookingId,
        DateOnly.FromDateTime(ReviewTime),
        ReviewTime,
        PrisonId,
        LocationId,
        ReviewedBy,
        ReviewType,
        AuditModuleName,
        ReviewTypes.IsRealReview(ReviewType));
}

/// <summary>Where a review was first recorded (incentive_review.origin).</summary>
internal static class ReviewOrigins
{
    public const string Dps = "DPS";
    public const string Nomis = "NOMIS";
    public const string Migration = "MIGRATION";
}

/// <summary>A review about to be inserted.</summary>
internal sealed record NewReview(
    string PrisonerNumber,
    long BookingId,
    DateTime ReviewTime,
    string LevelCode,
    string ReviewType,
    string? Comment,
    string PrisonId,
    string? ReviewedBy,
    bool Current,
    string AuditModuleName,
    string Origin)
{
    public static NewReview FromNomis(NomisIncentive incentive, string reviewType, string origin) => new(
        incentive.OffenderNo,
        incentive.BookingId,
        incentive.ReviewTime,
        incentive.IepLevel.Code,
        reviewType,
        string.IsNullOrEmpty(incentive.CommentText) ? null : incentive.CommentText,
        incentive.PrisonId,
        incentive.UserId,
        incentive.CurrentIep,
        incentive.AuditModule ?? NomisAuditModules.IepScreen,
        origin);
}
