namespace OrleansSync.Grains.ReferenceData.Nomis;

/// <summary>
/// POST /incentives/prison/{prison} (CreatePrisonIncentiveRequest, nomis-prison-incentive-level-create-request.json);
/// PUT /incentives/prison/{prison}/code/{code} takes the same body without <see cref="LevelCode"/> (null is left out).
/// </summary>
public sealed record NomisPrisonIncentiveLevelRequest(
    string? LevelCode,
    bool Active,
    bool DefaultOnAdmission,
    int VisitOrderAllowance,
    int PrivilegedVisitOrderAllowance,
    int RemandTransferLimitInPence,
    int RemandSpendLimitInPence,
    int ConvictedTransferLimitInPence,
    int ConvictedSpendLimitInPence)
{
    public static NomisPrisonIncentiveLevelRequest From(PrisonIncentiveLevel level, bool withCode) => new(
        withCode ? level.LevelCode : null, level.Active, level.DefaultOnAdmission, level.VisitOrders, level.PrivilegedVisitOrders,
        level.RemandTransferLimitInPence, level.RemandSpendLimitInPence, level.ConvictedTransferLimitInPence, level.ConvictedSpendLimitInPence);

    /// <summary>Whether NOMIS already holds exactly what this request would write.</summary>
    public bool Matches(NomisPrisonIncentiveLevel nomis) =>
        nomis.Active == Active && nomis.DefaultOnAdmission == DefaultOnAdmission
        && nomis.VisitOrderAllowance == VisitOrderAllowance && nomis.PrivilegedVisitOrderAllowance == PrivilegedVisitOrderAllowance
        && nomis.RemandTransferLimitInPence == RemandTransferLimitInPence && nomis.RemandSpendLimitInPence == RemandSpendLimitInPence
        && nomis.ConvictedTransferLimitInPence == ConvictedTransferLimitInPence && nomis.ConvictedSpendLimitInPence == ConvictedSpendLimitInPence;
}
