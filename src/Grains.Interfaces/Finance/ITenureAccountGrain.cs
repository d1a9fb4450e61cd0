namespace OrleansSync.Grains.Finance;

/// <summary>
/// One tenure's finance account (key: tenure id, "D" format). It receives the tenure's events from stream
/// <see cref="FinanceStreams.TenureEvents"/>, re-fetches the tenure and creates or updates the account.
/// </summary>
public interface ITenureAccountGrain : IGrainWithStringKey
{
    /// <summary>The tenure's master account, or null when none was created.</summary>
    Task<FinanceAccount?> GetAccountAsync();
}
