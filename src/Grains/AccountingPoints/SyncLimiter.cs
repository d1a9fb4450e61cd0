using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The brake towards the adapter: at most <c>MaxConcurrentSyncs</c> syncs of this silo waiting on it at
/// once (a local resource: this silo's connections, threads and grain turns), and at most
/// <c>AdapterRequestsPerSecond</c> requests from the whole cluster (every attempt, retries included),
/// reserved from <see cref="AdapterRateLimiterGrain"/>. A sync
/// that gets no slot within <c>LimiterWait</c> is deferred rather than queued indefinitely, so a burst
/// (reminders firing after an outage) never holds grain turns beyond their call timeout.
/// </summary>
public sealed class SyncLimiter : IDisposable
{
    private readonly SemaphoreSlim _syncs;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly bool _rateLimited;
    private readonly int _maxSyncs;
    private int _peakSyncs;
    private long _requestsGranted;

    public SyncLimiter(IOptions<AccountingPointsOptions> options, IGrainFactory grains, TimeProvider time)
    {
        var settings = options.Value;
        _grains = grains;
        _time = time;
        _rateLimited = settings.AdapterRequestsPerSecond > 0;
        _maxSyncs = settings.MaxConcurrentSyncs;
        _syncs = new SemaphoreSlim(_maxSyncs, _maxSyncs);
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

    /// <summary>Requests this limiter let through (tests, diagnostics).</summary>
    public long RequestsGranted => Interlocked.Read(ref _requestsGranted);

    /// <summary>
    /// Waits for the request's cluster-wide slot (no-op when unlimited). A cancelled wait still used its
    /// slot, which only makes the cluster slower than its budget, never faster.
    /// </summary>
    public async ValueTask AcquireRequestAsync(CancellationToken cancellationToken)
    {
        if (_rateLimited)
        {
            var wait = await _grains.GetGrain<IAdapterRateLimiterGrain>(IAdapterRateLimiterGrain.Key).ReserveAsync().WaitAsync(cancellationToken);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
        }

        Interlocked.Increment(ref _requestsGranted);
    }

    public void Dispose() => _syncs.Dispose();

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
