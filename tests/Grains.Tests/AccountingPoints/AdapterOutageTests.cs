using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_change_announced_during_an_outage_for_a_point_the_hub_holds_is_synced_once_the_adapter_is_back()
    {
        // Held (looked up), not tracked: no periodic resync would bring the change in later.
        var gsrn = _host.GeneratedGsrn(Points + 1);
        (await _host.Point(gsrn).LookupAsync()).Should().NotBeNull();
        var before = (await _host.Point(gsrn).GetAsync())!.Sync!;
        before.Tracked.Should().BeFalse();

        _host.Simulator.Faults.Apply(new FaultSettings { FailureRate = 1, FailureStatusCode = 503 });
        var changedAt = DateTimeOffset.UtcNow;
        var producer = _host.Factory.Services.GetRequiredService<IStreamProducer>();
        await producer.AppendAsync(DatahubChangeEvents.StreamNamespace, gsrn, "changed-during-outage",
            $$"""{"eventType": "accounting-point-changed", "gsrn": "{{gsrn}}", "occurredAt": "{{changedAt:O}}"}""");
        await _host.EventuallyAsync(async () => (await _host.Point(gsrn).GetAsync())!.Sync!.Attempts >= 2, Deadline,
            "the announced change to fail and be retried while the adapter is down", [gsrn]);

        _host.Simulator.Faults.Apply(new FaultSettings { FailureRate = 0 });

        await _host.EventuallyAsync(async () => (await _host.Point(gsrn).GetAsync())!.Sync is { Attempts: 0, DataAsOf: { } asOf } && asOf >= changedAt, Deadline,
            "the change to be synced by a retry once the adapter is back", [gsrn]);
    }
}
