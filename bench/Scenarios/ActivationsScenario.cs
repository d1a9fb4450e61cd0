using OrleansSync.Bench.Grains;

namespace OrleansSync.Bench.Scenarios;

/// <summary>Memory per idle and per active activation at N grains, and activation and collection rates.</summary>
public static class ActivationsScenario
{
    public static async Task RunAsync(BenchArgs args)
    {
        var grains = args.Int("grains", 100_000);
        var parallel = args.Int("parallel", 64);
        Console.WriteLine($"activations: {grains:N0} grains, {parallel} calls in flight; {Environment.ProcessorCount} cores");

        await using var database = await BenchDatabase.CreateAsync();
        await using var silo = await BenchSilo.StartAsync(database.ConnectionString);
        var factory = silo.GrainFactory;

        // Warm up the call path so one-time costs (JIT, proxies) are not counted per grain.
        await factory.GetGrain<IIdleGrain>("warm-up").TouchAsync();
        var before = Heap();

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => await factory.GetGrain<IIdleGrain>($"g{i}").TouchAsync());
        var activationSeconds = watch.Elapsed.TotalSeconds;
        var idle = Heap();

        watch.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => await factory.GetGrain<IIdleGrain>($"g{i}").LoadStateAsync());
        var callSeconds = watch.Elapsed.TotalSeconds;
        var active = Heap();

        watch.Restart();
        // Orleans' activation collection, for every activation idle for any time at all.
        await factory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var collectionSeconds = watch.Elapsed.TotalSeconds;
        var after = Heap();

        BenchTable.Print($"{grains:N0} activations", ["measure", "value"],
        [
            ["heap per idle activation", $"{(idle - before) / (double)grains:N0} B"],
            ["heap per active activation (64 ints of state)", $"{(active - before) / (double)grains:N0} B"],
            ["activations per second", BenchTable.Number(grains / activationSeconds)],
            ["calls per second to live grains", BenchTable.Number(grains / callSeconds)],
            ["deactivations per second", BenchTable.Number(grains / collectionSeconds)],
            ["heap left after collecting all", $"{Math.Max(0, after - before) / 1024.0 / 1024.0:N1} MiB"],
        ]);
        Console.WriteLine($"bytes_per_idle_activation: {(idle - before) / (double)grains:0}");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
