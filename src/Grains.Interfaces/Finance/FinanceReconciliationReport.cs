namespace OrleansSync.Grains.Finance;

/// <summary>Accounts compared with the interim finance solution: missing there, different there, repaired.</summary>
[GenerateSerializer, Immutable]
public sealed record FinanceReconciliationReport(
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int AccountsChecked,
    int Missing,
    int Different,
    int Repaired,
    int Errors,
    IReadOnlyList<string> Mismatches);
