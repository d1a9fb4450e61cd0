namespace OrleansSync.Grains.Finance;

/// <summary>
/// The single writer of the read-only workbook for the interim finance solution (key
/// <see cref="Key"/>). It rewrites the workbook from the account tables whenever they changed, atomically.
/// </summary>
public interface IFinanceSpreadsheetGrain : IGrainWithStringKey
{
    public const string Key = "workbook";

    /// <summary>Accounts changed: the workbook is rewritten soon (changes in a short window share one write).</summary>
    [Orleans.Concurrency.OneWay]
    Task AccountsChangedAsync();

    /// <summary>Writes the workbook now if the tables moved past it, then returns it.</summary>
    Task<SpreadsheetFile> GetWorkbookAsync();

    Task<SpreadsheetStatus> GetStatusAsync();
}
