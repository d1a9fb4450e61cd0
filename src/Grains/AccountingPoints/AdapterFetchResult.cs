namespace OrleansSync.Grains.AccountingPoints;

/// <summary>What the adapter answered for one point: a document, "not found", or a failure with its reason.</summary>
public abstract record AdapterFetchResult
{
    public sealed record Found(AdapterAccountingPoint Document) : AdapterFetchResult;

    public sealed record NotFound : AdapterFetchResult;

    /// <param name="Reason">Safe to log and show: never contains the key or end-user ids.</param>
    public sealed record Failed(string Reason) : AdapterFetchResult;
}
