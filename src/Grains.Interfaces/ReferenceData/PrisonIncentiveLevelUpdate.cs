namespace OrleansSync.Grains.ReferenceData;

/// <summary>A partial change of a prison level (incentives-api PrisonIncentiveLevelUpdate); null leaves a field as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record PrisonIncentiveLevelUpdate(
    bool? Active,
    bool? DefaultOnAdmission,
    int? RemandTransferLimitInPence,
    int? RemandSpendLimitInPence,
    int? ConvictedTransferLimitInPence,
    int? ConvictedSpendLimitInPence,
    int? VisitOrders,
    int? PrivilegedVisitOrders);
