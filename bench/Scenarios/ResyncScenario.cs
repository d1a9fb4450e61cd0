using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Postgres.Migrations;
using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Simulators.Datahub;

namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// Resyncing every accounting point from the datahub adapter simulator (20 ms latency per request):
/// a first pass that fetches and stores each point, then a second that refreshes them all, against
/// the reference schedule of 50 points every 5 minutes.
/// </summary>
public static class ResyncScenario
{
    private const double ReferencePointsPerSecond = 50 / 300.0;

    public static async Task RunAsync(BenchArgs args)
    {
        var points = args.Int("points", 20_000);
        var latency = args.Int("latency-ms", 20);
        var concurrency = args.Int("concurrency", 64);
        Console.WriteLine($"resync: {points:N0} accounting points, adapter latency {latency} ms, {concurrency} syncs at once; {Environment.ProcessorCount} cores");

        await using var database = await BenchDatabase.CreateAsync();
        await using var silo = await BenchSilo.StartAsync(database.ConnectionString, extend: (builder, migrations) =>
        {
            var grains = typeof(AccountingPointsServiceCollectionExtensions).Assembly;
            migrations.Add(new("accounting_points", grains));
            builder.Configuration["AccountingPoints:AdapterRequestsPerSecond"] = "0";
            builder.Configuration["AccountingPoints:MaxConcurrentSyncs"] = concurrency.ToString(CultureInfo.InvariantCulture);
            builder.Configuration["AccountingPoints:BackgroundSync"] = "false";
            builder.Services.AddAccountingPoints(builder.Configuration);
            builder.Services.AddDatahubAdapterSimulator(options =>
            {
                options.PointCount = points;
                options.Faults.Latency = TimeSpan.FromMilliseconds(latency);
            });
        }, map: app => app.MapDatahubAdapterSimulator());

        var gsrns = silo.Services.GetRequiredService<DatahubAdapterSimulator>().Store.GeneratedGsrns.Take(points).ToList();
        var factory = silo.GrainFactory;
        var first = await PassAsync(factory, gsrns, concurrency);
        var second = await PassAsync(factory, gsrns, concurrency);
        var full = 100_000;

        BenchTable.Print("syncs from the adapter", ["pass", "points/s", "seconds", "failed", $"time for {full:N0} points"],
        [
            ["first sync (fetch, insert, history)", BenchTable.Number(first.PerSecond, "N0"), BenchTable.Number(first.Seconds, "N1"), BenchTable.Number(first.Failed), Duration(full / first.PerSecond)],
            ["resync (fetch, compare, no change)", BenchTable.Number(second.PerSecond, "N0"), BenchTable.Number(second.Seconds, "N1"), BenchTable.Number(second.Failed), Duration(full / second.PerSecond)],
            ["reference schedule: 50 points / 5 min", BenchTable.Number(ReferencePointsPerSecond, "N2"), "-", "-", Duration(full / ReferencePointsPerSecond)],
        ]);
        Console.WriteLine($"ratio: {second.PerSecond / ReferencePointsPerSecond:0}");
    }

    private static async Task<Pass> PassAsync(IGrainFactory factory, IReadOnlyList<string> gsrns, int concurrency)
    {
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(gsrns, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (gsrn, _) =>
        {
            var result = await factory.GetGrain<IAccountingPointGrain>(gsrn).SyncAsync(SyncTrigger.Manual);
            if (result.Outcome != SyncOutcome.Synced)
            {
                Interlocked.Increment(ref failed);
            }
        });
        return new Pass(gsrns.Count, watch.Elapsed.TotalSeconds, failed);
    }

    private static string Duration(double seconds) =>
        seconds < 120 ? $"{seconds:0} s" : seconds < 7200 ? $"{seconds / 60:0} min" : seconds < 172_800 ? $"{seconds / 3600:0.0} h" : $"{seconds / 86_400:0.0} days";

    private sealed record Pass(int Points, double Seconds, int Failed)
    {
        public double PerSecond => Points / Seconds;
    }
}
