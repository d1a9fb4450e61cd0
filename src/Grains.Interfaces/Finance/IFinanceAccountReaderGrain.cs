namespace OrleansSync.Grains.Finance;

/// <summary>Read-only account queries from committed rows, kept off the tenure grains so a read never waits behind a sync turn.</summary>
public interface IFinanceAccountReaderGrain : IGrainWithStringKey
{
    Task<FinanceAccount?> GetAsync(Guid accountId);

    /// <summary>The accounts of a target (a tenure), of one account type when given.</summary>
    Task<IReadOnlyList<FinanceAccount>> FindByTargetAsync(Guid targetId, string? accountType);

    Task<IReadOnlyList<FinanceAccount>> FindByPaymentReferenceAsync(string paymentReference);

    /// <summary>What the finance section of the dashboard shows.</summary>
    Task<FinanceStatus> GetStatusAsync();
}
