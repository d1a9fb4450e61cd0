namespace OrleansSync.Grains.Finance.Spreadsheet;

/// <summary>The accounts and their change log as of one database snapshot, so the two sheets agree.</summary>
internal sealed record WorkbookSnapshot(IReadOnlyList<FinanceAccount> Accounts, IReadOnlyList<AccountChangeRow> Changes, long UpToChangeId);
