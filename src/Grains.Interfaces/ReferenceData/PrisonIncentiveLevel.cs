namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// A level as it applies in one prison, in incentives-api's shape (prison-incentive-level-response.json):
/// money in pence, visit allowances as visit orders (VO) and privileged visit orders (PVO).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PrisonIncentiveLevel(
    string LevelCode,
    string LevelName,
    string PrisonId,
    bool Active,
    bool DefaultOnAdmission,
    int RemandTransferLimitInPence,
    int RemandSpendLimitInPence,
    int ConvictedTransferLimitInPence,
    int ConvictedSpendLimitInPence,
    int VisitOrders,
    int PrivilegedVisitOrders);
