namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>A row of VISIT_ALLOWANCE_LEVELS: VO in REMAND_VISITS, PVO in WEEKENDS, visit type always SENT_VISIT (ADR 0004).</summary>
public sealed record VisitAllowanceLevelRow(
    string AgyLocId,
    string IepLevelCode,
    string VisitType,
    int? RemandVisits,
    int? Weekends,
    bool ActiveFlag,
    string? ExpiryDate);
