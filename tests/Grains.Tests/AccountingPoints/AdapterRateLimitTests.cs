using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

/// <summary>The adapter's request budget is the cluster's: two limiter clients (as two silos have) share one.</summary>
public sealed class AdapterRateLimitTests : IAsyncLifetime
{
    private const double Rate = 10;

    private AccountingPointsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AccountingPointsTestHost.StartAsync(
        nameof(AdapterRateLimitTests),
        new Dictionary<string, string?> { ["AccountingPoints:AdapterRequestsPerSecond"] = "10" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Two_limiter_clients_together_stay_within_the_cluster_budget()
    {
        var options = Options.Create(new AccountingPointsOptions { AdapterRequestsPerSecond = Rate });
        using var first = new SyncLimiter(options, _host.Grains, TimeProvider.System);
        using var second = new SyncLimiter(options, _host.Grains, TimeProvider.System);

        // Both clients ask as fast as they can; count what was granted. A loaded machine only grants fewer
        // (slower callers), and the bound grows with the measured time, so the assertion cannot flake.
        var stopwatch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await Task.WhenAll(new[] { first, second }.SelectMany(limiter => Enumerable.Range(0, 3).Select(_ => RunAsync(limiter, stop.Token))));
        var elapsed = stopwatch.Elapsed;

        var granted = first.RequestsGranted + second.RequestsGranted;
        var burst = Math.Ceiling(Rate);
        granted.Should().BeLessThanOrEqualTo((long)(burst + (Rate * elapsed.TotalSeconds) + 2), $"one burst plus {Rate}/s over {elapsed}, for both clients together");
        first.RequestsGranted.Should().BePositive();
        second.RequestsGranted.Should().BePositive();
    }

    private static async Task RunAsync(SyncLimiter limiter, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await limiter.AcquireRequestAsync(stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
