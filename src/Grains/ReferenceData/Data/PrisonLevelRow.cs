namespace OrleansSync.Grains.ReferenceData.Data;

/// <summary>A row of prison_incentive_level (or one that would be written).</summary>
internal sealed record PrisonLevelRow(
    string PrisonId,
    string LevelCode,
    bool Active,
    bool DefaultOnAdmission,
    int RemandTransferLimitInPence,
    int RemandSpendLimitInPence,
    int ConvictedTransferLimitInPence,
    int ConvictedSpendLimitInPence,
    int VisitOrders,
    int PrivilegedVisitOrders)
{
    public PrisonIncentiveLevel ToPrisonLevel(string levelName) => new(LevelCode, levelName, PrisonId, Active, DefaultOnAdmission,
        RemandTransferLimitInPence, RemandSpendLimitInPence, ConvictedTransferLimitInPence, ConvictedSpendLimitInPence, VisitOrders, PrivilegedVisitOrders);

    public PrisonLevelRow With(PrisonIncentiveLevelUpdate update) => new(PrisonId, LevelCode,
        update.Active ?? Active,
        update.DefaultOnAdmission ?? DefaultOnAdmission,
        update.RemandTransferLimitInPence ?? RemandTransferLimitInPence,
        update.RemandSpendLimitInPence ?? RemandSpendLimitInPence,
        update.ConvictedTransferLimitInPence ?? ConvictedTransferLimitInPence,
        update.ConvictedSpendLimitInPence ?? ConvictedSpendLimitInPence,
        update.VisitOrders ?? VisitOrders,
        update.PrivilegedVisitOrders ?? PrivilegedVisitOrders);
}
