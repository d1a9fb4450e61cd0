using OrleansSync.Grains.Incentives;

namespace OrleansSync.Api.Incentives;

/// <summary>
/// Body of <c>POST /incentive-reviews/prisoner/{prisonerNumber}</c> (incentives-api CreateIncentiveReviewRequest):
/// <see cref="IepLevel"/> (a globally active level; the grain checks it is active in the prisoner's prison) and <see cref="Comment"/> are required;
/// <see cref="ReviewType"/> defaults to REVIEW, <see cref="ReviewTime"/> (a local date-time) to now.
/// </summary>
/// <param name="IepLevel">The incentive level: BAS, STD, ENH, EN2 or EN3. Required.</param>
/// <param name="Comment">Why the level was given, at most 240 characters (NOMIS keeps no more). Required.</param>
/// <param name="ReviewType">INITIAL, REVIEW, TRANSFER, MIGRATED or READMISSION; REVIEW when left out.</param>
/// <param name="ReviewTime">When the review took place, a local date-time; now when left out.</param>
/// <param name="ReviewedBy">The NOMIS user id of the reviewer, at most 32 characters. Optional.</param>
public sealed record CreateIncentiveReviewRequest(string? IepLevel, string? Comment, string? ReviewType = null, DateTime? ReviewTime = null, string? ReviewedBy = null)
{
    /// <summary>NOMIS keeps at most 240 characters of an IEP comment (OFFENDER_IEP_LEVELS.COMMENT_TEXT).</summary>
    public const int MaxCommentLength = 240;

    /// <summary>NOMIS user ids are at most 32 characters.</summary>
    public const int MaxReviewedByLength = 32;

    /// <summary>Every problem with the request, by field; empty when it is valid.</summary>
    /// <param name="activeLevels">The globally active level codes of the reference data.</param>
    public Dictionary<string, string[]> Validate(IReadOnlyCollection<string> activeLevels)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(IepLevel))
        {
            errors["iepLevel"] = ["Is required."];
        }
        else if (IepLevel.Length is < 2 or > 6 || !activeLevels.Contains(IepLevel))
        {
            errors["iepLevel"] = [$"Must be one of {string.Join(", ", activeLevels.Order(StringComparer.Ordinal))}."];
        }

        if (string.IsNullOrWhiteSpace(Comment))
        {
            errors["comment"] = ["Is required."];
        }
        else if (Comment.Length > MaxCommentLength)
        {
            errors["comment"] = [$"Must be at most {MaxCommentLength} characters."];
        }

        if (ReviewType is not null && !ReviewTypes.All.Contains(ReviewType))
        {
            errors["reviewType"] = [$"Must be one of {string.Join(", ", ReviewTypes.All.Order(StringComparer.Ordinal))}."];
        }

        if (ReviewedBy is { } reviewedBy && (reviewedBy.Length > MaxReviewedByLength || string.IsNullOrWhiteSpace(reviewedBy)))
        {
            errors["reviewedBy"] = [$"Must be 1 to {MaxReviewedByLength} characters."];
        }

        return errors;
    }

    public CreateIncentiveReview ToReview() => new(IepLevel!, Comment!, ReviewType ?? ReviewTypes.Review, ReviewTime, ReviewedBy);
}
