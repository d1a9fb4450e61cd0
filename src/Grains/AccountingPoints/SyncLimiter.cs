using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The silo's shared brake towards the adapter: at most <c>MaxConcurrentSyncs</c> syncs waiting on it at
/// once, and at most <c>AdapterRequestsPerSecond</c> requests (every attempt, retries included). A sync
/// that gets no slot within <c>LimiterWait</c> is deferred rather than queued indefinitely, so a burst
/// (reminders firing after an outage) never holds grain turns beyond their call timeout.
/// </summary>
public sealed class SyncLimiter : IDisposable
{
    private readonly SemaphoreSlim _syncs;
    private readonly TokenBucketRateLimiter? _requests;
    private readonly int _maxSyncs;
    private int _peakSyncs;

    public SyncLimiter(IOptions<AccountingPointsOptions> options)
    {
        var settings = options.Value;
        _maxSyncs = settings.MaxConcurrentSyncs;
        _syncs = new SemaphoreSlim(_maxSyncs, _maxSyncs);
        if (settings.AdapterRequestsPerSecond > 0)
        {
            // One token per 1/rate seconds, bursts of up to one second's worth.
            _requests = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, (int)Math.Ceiling(settings.AdapterRequestsPerSecond)),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / settings.AdapterRequestsPerSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>Syncs holding a slot now.</summary>
    public int ActiveSyncs => _maxSyncs - _syncs.CurrentCount;

    /// <summary>The most syncs that held a slot at once (tests, diagnostics).</summary>
    public int PeakSyncs => Volatile.Read(ref _peakSyncs);

    /// <summary>A slot to release when the sync is done, or null when none freed up within <paramref name="wait"/>.</summary>
    public async Task<IDisposable?> TryEnterSyncAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (!await _syncs.WaitAsync(wait, cancellationToken))
        {
            return null;
        }

        var active = ActiveSyncs;
        int peak;
        while (active > (peak = Volatile.Read(ref _peakSyncs)) && Interlocked.CompareExchange(ref _peakSyncs, active, peak) != peak)
        {
        }

        return new Slot(_syncs);
    }

    /// <summary>Waits for a request token (no-op when unlimited).</summary>
    public async ValueTask AcquireRequestAsync(CancellationToken cancellationToken)
    {
        if (_requests is null)
        {
            return;
        }

        using var lease = await _requests.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The adapter rate limiter refused a request.");
        }
    }

    public void Dispose()
    {
        _requests?.Dispose();
        _syncs.Dispose();
    }

    private sealed class Slot(SemaphoreSlim syncs) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                syncs.Release();
            }
        }
    }
}
