namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// A comparison of the hub's reference data with NOMIS' (and, when asked, its repair: each mismatch pushed again);
/// <see cref="Trigger"/> is SCHEDULED or ON_DEMAND.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataReconciliationReport(
    DateTimeOffset FinishedAt,
    int LevelsChecked,
    int PrisonLevelsChecked,
    int MismatchCount,
    int Repaired,
    string? Error,
    IReadOnlyList<ReferenceDataMismatch> Mismatches,
    string Trigger = ReferenceDataReconciliationReport.OnDemand)
{
    public const string Scheduled = "SCHEDULED";
    public const string OnDemand = "ON_DEMAND";
}
