namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>
/// POST /incentives/prison/{prison} (CreatePrisonIncentiveRequest, nomis-prison-incentive-level-create-request.json) and
/// PUT /incentives/prison/{prison}/code/{code} (the same without levelCode). Money in pence; NOMIS stores pounds.
/// </summary>
public sealed record PrisonIncentiveLevelRequest(
    string? LevelCode,
    bool Active,
    bool DefaultOnAdmission,
    int? VisitOrderAllowance = null,
    int? PrivilegedVisitOrderAllowance = null,
    int? RemandTransferLimitInPence = null,
    int? RemandSpendLimitInPence = null,
    int? ConvictedTransferLimitInPence = null,
    int? ConvictedSpendLimitInPence = null);
