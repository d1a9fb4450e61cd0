using Orleans.Runtime.Providers;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// How long a pulling agent waits before delivering a failed message again: exponential from
/// <see cref="PostgresStreamOptions.RetryBackoff"/> with jitter, capped, so that many keys failing
/// together (a downstream outage) do not retry in lockstep.
/// </summary>
internal sealed class StreamDeliveryBackoff(PostgresStreamOptions options) : IMessageDeliveryBackoffProvider
{
    public TimeSpan Next(int attempt)
    {
        var exponential = options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        var capped = Math.Min(exponential, options.RetryBackoffMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
