using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The adapter's request budget for the whole cluster. Why a singleton grain rather than a PostgreSQL
/// token bucket row: Orleans already guarantees one activation cluster-wide, a reservation is a few
/// arithmetic operations in memory (no round trip, no row lock that every silo's requests would queue
/// on), and at the budget's scale (tens of requests per second) one grain is far from busy. It hands
/// out time slots rather than holding callers, so a call returns at once and waiting happens in the
/// caller's silo. What it gives up: when its silo dies the schedule restarts empty on another silo, so
/// at most one extra burst (one second's worth) can pass; and during a membership change Orleans may
/// briefly run two activations, doubling the budget for that moment. Both are bounded and short, and
/// the adapter answers 429 beyond its own limit, which the client retries with backoff.
/// </summary>
[GrainType("accounting_points.adapter_rate_limiter")]
public sealed class AdapterRateLimiterGrain(IOptions<AccountingPointsOptions> options, TimeProvider time) : Grain, IAdapterRateLimiterGrain
{
    // Bursts of up to one second's worth, as the per-silo token bucket allowed before.
    private readonly AdapterRateSchedule? _schedule = options.Value.AdapterRequestsPerSecond > 0
        ? new AdapterRateSchedule(options.Value.AdapterRequestsPerSecond, Math.Max(1, (int)Math.Ceiling(options.Value.AdapterRequestsPerSecond)))
        : null;

    Task<TimeSpan> IAdapterRateLimiterGrain.ReserveAsync() =>
        Task.FromResult(_schedule?.Reserve(time.GetUtcNow()) ?? TimeSpan.Zero);
}
