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
    public void Two_clients_of_one_schedule_together_get_no_more_than_the_burst_plus_the_rate()
    {
        // Virtual time: two callers (two silos) reserve in turn as fast as they can for 10 s at 20/s.
        var schedule = new AdapterRateSchedule(requestsPerSecond: 20, burst: 20);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clients = new[] { start, start };
        var sent = new List<DateTimeOffset>();
        while (clients.Min() < start.AddSeconds(10))
        {
            var next = Array.IndexOf(clients, clients.Min());
            var at = clients[next] + schedule.Reserve(clients[next]);
            sent.Add(at);
            clients[next] = at;
        }

        foreach (var windowStart in sent)
        {
            sent.Count(t => t >= windowStart && t < windowStart.AddSeconds(1)).Should().BeLessThanOrEqualTo(20 + 20, "one burst plus one second's rate");
        }

        sent.Count(t => t < start.AddSeconds(10)).Should().BeLessThanOrEqualTo(20 + 200 + 1);
    }

    private static SyncLimiter Limiter(int maxSyncs, double requestsPerSecond) =>
        // Unlimited requests (these tests are about the local slots): the grain factory is never used.
        new(Options.Create(new AccountingPointsOptions { MaxConcurrentSyncs = maxSyncs, AdapterRequestsPerSecond = requestsPerSecond }), null!, TimeProvider.System);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
