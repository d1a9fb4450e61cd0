namespace OrleansSync.Grains.Incentives;

/// <summary>Review types of an incentive review (incentives-api ReviewType).</summary>
public static class ReviewTypes
{
    public const string Initial = "INITIAL";
    public const string Review = "REVIEW";
    public const string Transfer = "TRANSFER";
    public const string Migrated = "MIGRATED";
    public const string Readmission = "READMISSION";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>([Initial, Review, Transfer, Migrated, Readmission], StringComparer.Ordinal);

    /// <summary>incentives-api: a "real" review is one a member of staff carried out.</summary>
    public static bool IsRealReview(string reviewType) => reviewType is Review or Migrated;
}
