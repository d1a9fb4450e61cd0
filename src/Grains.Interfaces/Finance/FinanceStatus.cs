namespace OrleansSync.Grains.Finance;

/// <summary>The finance sync at a glance: accounts, the last spreadsheet write, pushes pending and failing, the last reconciliation.</summary>
[GenerateSerializer, Immutable]
public sealed record FinanceStatus(
    FinanceMode Mode,
    long Accounts,
    long Changes,
    SpreadsheetStatus? Spreadsheet,
    long PushesPending,
    long PushesFailing,
    FinanceReconciliationReport? LastReconciliation);
