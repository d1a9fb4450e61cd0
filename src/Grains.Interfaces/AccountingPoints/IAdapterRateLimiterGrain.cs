namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The cluster-wide budget of adapter requests (AccountingPoints:AdapterRequestsPerSecond shared by all
/// silos): a singleton (key <see cref="Key"/>) that hands out time slots.
/// </summary>
public interface IAdapterRateLimiterGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Reserves one request's slot; the caller waits the returned delay, then sends.</summary>
    Task<TimeSpan> ReserveAsync();
}
