namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// A token bucket kept as one number (GCRA, "virtual scheduling"): the theoretical time of the next
/// request. Each reservation gets the earliest slot that keeps the requests of any window of length W
/// at or below <c>burst + W · rate</c>, the same bound as a bucket of <c>burst</c> tokens refilled at
/// <c>rate</c>. Slots are handed out in order, so a waiting caller never loses its turn to a newer one.
/// Not thread-safe: its one owner (<see cref="AdapterRateLimiterGrain"/>) runs one call at a time.
/// </summary>
public sealed class AdapterRateSchedule
{
    private readonly TimeSpan _interval;
    private readonly TimeSpan _tolerance;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public AdapterRateSchedule(double requestsPerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requestsPerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _interval = TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / requestsPerSecond));
        _tolerance = _interval * (burst - 1);
    }

    /// <summary>The delay from <paramref name="now"/> until the reserved request may be sent.</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        var next = _next > now ? _next : now;
        var allowedAt = next - _tolerance;
        _next = next + _interval;
        return allowedAt > now ? allowedAt - now : TimeSpan.Zero;
    }
}
