namespace OrleansSync.Grains.ReferenceData.Data;

/// <summary>A row of incentive_level_policy: the values a level starts with in a prison.</summary>
internal sealed record LevelPolicy(
    string LevelCode,
    int RemandTransferLimitInPence,
    int RemandSpendLimitInPence,
    int ConvictedTransferLimitInPence,
    int ConvictedSpendLimitInPence,
    int VisitOrders,
    int PrivilegedVisitOrders)
{
    /// <summary>Levels without a policy of their own take Enhanced's (incentives-api PrisonIncentiveLevelPolicy).</summary>
    public const string FallbackLevel = "ENH";

    public PrisonLevelRow NewRow(string prisonId, string levelCode, bool active) => new(prisonId, levelCode, active, false,
        RemandTransferLimitInPence, RemandSpendLimitInPence, ConvictedTransferLimitInPence, ConvictedSpendLimitInPence, VisitOrders, PrivilegedVisitOrders);
}
