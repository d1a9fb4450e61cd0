using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

public sealed class SyncLimiterTests
{
    [Fact]
    public async Task No_more_syncs_than_the_limit_hold_a_slot_at_once()
    {
        using var limiter = Limiter(maxSyncs: 3, requestsPerSecond: 0);
        var inside = 0;
        var peak = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var slot = await limiter.TryEnterSyncAsync(TimeSpan.FromSeconds(30));
            slot.Should().NotBeNull();
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref peak, now);
            await Task.Delay(10);
            Interlocked.Decrement(ref inside);
        }));

        peak.Should().BeLessThanOrEqualTo(3);
        limiter.PeakSyncs.Should().BeLessThanOrEqualTo(3);
        limiter.ActiveSyncs.Should().Be(0);
    }

    [Fact]
    public async Task A_sync_that_gets_no_slot_within_the_wait_is_told_so_instead_of_queueing()
    {
        using var limiter = Limiter(maxSyncs: 1, requestsPerSecond: 0);
        using var held = await limiter.TryEnterSyncAsync(TimeSpan.FromSeconds(1));
        (await limiter.TryEnterSyncAsync(TimeSpan.FromMilliseconds(50))).Should().BeNull();
    }

    [Fact]
    public async Task Requests_are_held_to_the_rate_after_one_seconds_burst()
    {
        using var limiter = Limiter(maxSyncs: 1, requestsPerSecond: 20);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            await limiter.AcquireRequestAsync(CancellationToken.None);
        }

        // 20 from the full bucket, the other 10 at 20/s: at least ~0.5 s (a limiter is never faster than its rate).
        stopwatch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(400));
    }

    private static SyncLimiter Limiter(int maxSyncs, double requestsPerSecond) =>
        new(Options.Create(new AccountingPointsOptions { MaxConcurrentSyncs = maxSyncs, AdapterRequestsPerSecond = requestsPerSecond }));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
