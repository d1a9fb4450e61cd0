using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Grains.Tests.AccountingPoints;

/// <summary>The whole adapter down, then back: every tracked point ends up synced, with adapter concurrency bounded throughout.</summary>
public sealed class AdapterOutageTests : IAsyncLifetime
{
    private const int Points = 24;
    private const int MaxConcurrentSyncs = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private AccountingPointsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AccountingPointsTestHost.StartAsync(
        nameof(AdapterOutageTests),
        new Dictionary<string, string?> { ["AccountingPoints:MaxConcurrentSyncs"] = MaxConcurrentSyncs.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_adapter_outage_then_recovery_leaves_every_point_synced()
    {
        var gsrns = Enumerable.Range(0, Points).Select(_host.GeneratedGsrn).ToList();
        _host.Simulator.Faults.Apply(new FaultSettings { FailureRate = 1, FailureStatusCode = 503, LatencyMs = 20 });

        var registrations = await Task.WhenAll(gsrns.Select(gsrn => _host.RegisterUnitAsync(gsrn, new DateOnly(2023, 1, 1))));

        // 24 fetches through 3 limiter slots: most fail with the 503, and under heavy load some may be
        // deferred (no slot within LimiterWait) and rescheduled; none can succeed.
        var fetches = registrations.Select(r => r.AccountingPoint!.Fetch!).ToList();
        fetches.Should().OnlyContain(f => f.Outcome == SyncOutcome.Failed || f.Outcome == SyncOutcome.Deferred);
        fetches.Where(f => f.Outcome == SyncOutcome.Failed).Should().OnlyContain(f => f.Error!.Contains("503"));

        var monitor = _host.Grains.GetGrain<IAccountingPointSyncMonitorGrain>(IAccountingPointSyncMonitorGrain.Key);
        await _host.EventuallyAsync(
            async () => (await monitor.GetSummaryAsync()).Failing.Count == Points,
            Deadline,
            "every point to keep retrying with backoff until it is listed as failing",
            [.. gsrns]);

        _host.Simulator.Faults.Apply(new FaultSettings { FailureRate = 0 });

        await _host.EventuallyAsync(
            async () => (await monitor.GetSummaryAsync()).ByState["synced"] == Points,
            Deadline,
            "every point to be synced by its next retry once the adapter is back",
            [.. gsrns]);
        var summary = await monitor.GetSummaryAsync();
        summary.Failing.Should().BeEmpty();
        summary.Tracked.Should().Be(Points);
        foreach (var gsrn in gsrns)
        {
            var point = (await _host.Point(gsrn).GetAsync())!;
            point.Sync!.Attempts.Should().Be(0);
            point.Sync.LastError.Should().BeNull();
            point.MeteringGridAreas.Should().NotBeEmpty();
        }

        _host.Simulator.Requests.Snapshot().MaxInFlight.Should().BeLessThanOrEqualTo(MaxConcurrentSyncs, "syncs wait for a limiter slot before calling the adapter");
    }
}
