using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

/// <summary>The periodic resync with a maximum age of seconds instead of hours.</summary>
public sealed class BackgroundResyncTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private AccountingPointsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AccountingPointsTestHost.StartAsync(
        nameof(BackgroundResyncTests),
        new Dictionary<string, string?>
        {
            ["AccountingPoints:MaxAge"] = "00:00:03",
            ["AccountingPoints:ResyncMargin"] = "00:00:01",
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Tracked_points_are_resynced_in_the_background_before_they_reach_the_maximum_age_and_untracked_ones_are_not()
    {
        var tracked = Enumerable.Range(0, 5).Select(_host.GeneratedGsrn).ToList();
        foreach (var gsrn in tracked)
        {
            (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);
        }

        var lookedUp = _host.GeneratedGsrn(10);
        (await _host.Point(lookedUp).LookupAsync()).Point.Should().NotBeNull();

        // Period 2 s (max age 3 s less a 1 s margin): two more syncs each within a few periods.
        await _host.EventuallyAsync(
            async () =>
            {
                foreach (var gsrn in tracked)
                {
                    if ((await _host.Point(gsrn).GetAsync())!.Sync!.Version < 3)
                    {
                        return false;
                    }
                }

                return true;
            },
            Deadline,
            "every tracked point to be resynced by its reminder",
            [.. tracked]);

        (await _host.Point(lookedUp).GetAsync())!.Sync!.Version.Should().Be(1, "a point without controllable units is not synced in the background");

        // With a 3 s maximum age a point may be mid-sync (or, on a loaded machine, briefly stale) at any
        // instant, so only what must never happen is asserted here.
        var summary = await _host.Grains.GetGrain<IAccountingPointSyncMonitorGrain>(IAccountingPointSyncMonitorGrain.Key).GetSummaryAsync();
        summary.Tracked.Should().Be(tracked.Count);
        summary.ByState["failing"].Should().Be(0);
        summary.ByState["dead"].Should().Be(0);
    }
}
