namespace OrleansSync.Grains.ReferenceData.Nomis;

/// <summary>
/// nomis-prisoner-api PrisonIncentiveLevelDataResponse (GET /incentives/prison/{prison}/code/{code},
/// nomis-prison-incentive-level-response.json): IEP_LEVELS and the SENT_VISIT row of VISIT_ALLOWANCE_LEVELS.
/// </summary>
public sealed record NomisPrisonIncentiveLevel(
    string PrisonId,
    string IepLevelCode,
    bool DefaultOnAdmission,
    bool Active,
    int? VisitOrderAllowance = null,
    int? PrivilegedVisitOrderAllowance = null,
    int? RemandTransferLimitInPence = null,
    int? RemandSpendLimitInPence = null,
    int? ConvictedTransferLimitInPence = null,
    int? ConvictedSpendLimitInPence = null,
    string? ExpiryDate = null,
    bool? VisitAllowanceActive = null,
    string? VisitAllowanceExpiryDate = null);
