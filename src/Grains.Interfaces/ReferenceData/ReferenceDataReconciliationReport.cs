namespace OrleansSync.Grains.ReferenceData;

/// <summary>A comparison of the hub's reference data with NOMIS' (and, when asked, its repair: each mismatch pushed again).</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataReconciliationReport(
    DateTimeOffset FinishedAt,
    int LevelsChecked,
    int PrisonLevelsChecked,
    int MismatchCount,
    int Repaired,
    string? Error,
    IReadOnlyList<ReferenceDataMismatch> Mismatches);
