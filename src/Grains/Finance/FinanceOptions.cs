namespace OrleansSync.Grains.Finance;

/// <summary>Settings of the finance domain (configuration section "Finance"). Defaults are the named constants.</summary>
public sealed class FinanceOptions
{
    public const string SectionName = "Finance";

    /// <summary>Phase 1 of the ADR: the spreadsheet only, until users trust the data.</summary>
    public const FinanceMode ModeDefault = FinanceMode.Spreadsheet;

    public FinanceMode Mode { get; set; } = ModeDefault;

    public TenureApiOptions TenureApi { get; set; } = new();

    public InterimFinanceOptions InterimFinance { get; set; } = new();

    public FinanceSpreadsheetOptions Spreadsheet { get; set; } = new();

    /// <summary>Every push to the interim solution, repaired too: scheduled reconciliation interval; "off" (null) disables it.</summary>
    public TimeSpan? ReconciliationInterval { get; set; } = TimeSpan.FromHours(1);

    public bool WritesSpreadsheet => Mode is FinanceMode.Spreadsheet or FinanceMode.Both;

    public bool Pushes => Mode is FinanceMode.Push or FinanceMode.Both;

    /// <summary>Every problem named, rather than misbehaving later.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        CheckUrl(TenureApi.BaseUrl, "Finance:TenureApi:BaseUrl");
        CheckUrl(InterimFinance.BaseUrl, "Finance:InterimFinance:BaseUrl");
        Check(TenureApi.Timeout > TimeSpan.Zero, "Finance:TenureApi:Timeout must be positive.");
        Check(TenureApi.RetryAttempts is >= 0 and <= 10, "Finance:TenureApi:RetryAttempts must be between 0 and 10.");
        Check(TenureApi.RetryDelay > TimeSpan.Zero, "Finance:TenureApi:RetryDelay must be positive.");
        Check(InterimFinance.Timeout > TimeSpan.Zero, "Finance:InterimFinance:Timeout must be positive.");
        Check(!string.IsNullOrWhiteSpace(Spreadsheet.Folder), "Finance:Spreadsheet:Folder is required.");
        Check(Spreadsheet.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && Spreadsheet.FileName.IndexOfAny(['/', '\\']) < 0,
            "Finance:Spreadsheet:FileName must be a file name ending in .xlsx.");
        Check(Spreadsheet.WriteDelay >= TimeSpan.Zero, "Finance:Spreadsheet:WriteDelay must not be negative.");
        Check(Spreadsheet.CheckInterval > TimeSpan.Zero, "Finance:Spreadsheet:CheckInterval must be positive.");
        Check(Spreadsheet.Password is null || Spreadsheet.Password.Length >= 8, "Finance:Spreadsheet:Password must have at least 8 characters.");
        Check(ReconciliationInterval is null || ReconciliationInterval >= TimeSpan.FromMinutes(1),
            "Finance:ReconciliationInterval must be at least 1 minute (Orleans' reminder minimum), or unset to disable.");
        return errors;

        void CheckUrl(string? url, string key)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"{key} must be an absolute http(s) URL.");
            }
        }

        void Check(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }
        }
    }
}
