namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>What the simulator's reference-data tables hold, for tests and the admin endpoint.</summary>
public sealed record ReferenceDataTables(
    IReadOnlyList<ReferenceCode> ReferenceCodes,
    IReadOnlyList<IepLevelRow> IepLevels,
    IReadOnlyList<VisitAllowanceLevelRow> VisitAllowanceLevels);
