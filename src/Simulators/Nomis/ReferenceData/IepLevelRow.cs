namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>A row of IEP_LEVELS (AGY_LOC_ID, IEP_LEVEL): money in pounds, as NOMIS stores it.</summary>
public sealed record IepLevelRow(
    string AgyLocId,
    string IepLevel,
    bool ActiveFlag,
    bool DefaultFlag,
    decimal? RemandTransferLimit,
    decimal? RemandSpendLimit,
    decimal? ConvictedTransferLimit,
    decimal? ConvictedSpendLimit,
    string? ExpiryDate);
