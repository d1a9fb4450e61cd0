namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>GET /incentives/prison/{prison}/code/{code} (PrisonIncentiveLevelDataResponse, nomis-prison-incentive-level-response.json).</summary>
public sealed record PrisonIncentiveLevelData(
    string PrisonId,
    string IepLevelCode,
    int? VisitOrderAllowance,
    int? PrivilegedVisitOrderAllowance,
    bool DefaultOnAdmission,
    int? RemandTransferLimitInPence,
    int? RemandSpendLimitInPence,
    int? ConvictedTransferLimitInPence,
    int? ConvictedSpendLimitInPence,
    bool Active,
    string? ExpiryDate,
    bool? VisitAllowanceActive,
    string? VisitAllowanceExpiryDate);
