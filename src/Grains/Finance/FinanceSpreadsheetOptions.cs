namespace OrleansSync.Grains.Finance;

/// <summary>The read-only workbook of phase 1.</summary>
public sealed class FinanceSpreadsheetOptions
{
    public const string FileNameDefault = "interim-finance-accounts.xlsx";

    /// <summary>Changes within this window share one rewrite (a burst of events is one write, not hundreds).</summary>
    public static readonly TimeSpan WriteDelayDefault = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the writer checks the tables itself, so a change whose notice was lost still reaches the file.</summary>
    public static readonly TimeSpan CheckIntervalDefault = TimeSpan.FromSeconds(5);

    /// <summary>The folder that holds the current copy (relative paths are under the working directory).</summary>
    public string Folder { get; set; } = Path.Combine(".data", "finance");

    public string FileName { get; set; } = FileNameDefault;

    /// <summary>
    /// The sheets' protection password: a secret, never logged. Unset: a random one per writer activation,
    /// so the sheets stay protected and nobody can unprotect them (fixes belong at the source anyway).
    /// </summary>
    public string? Password { get; set; }

    public TimeSpan WriteDelay { get; set; } = WriteDelayDefault;

    public TimeSpan CheckInterval { get; set; } = CheckIntervalDefault;
}
