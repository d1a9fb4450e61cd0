namespace OrleansSync.Bench;

/// <summary>
/// The runtime's JIT compiler, as a benchmark sees it. .NET compiles a method quickly on first use and again, optimised
/// with what it profiled, once it is hot; on 2 cores that recompilation competes with the work for a silo's first minute.
/// A long-running silo has long finished it, so a throughput figure is taken only once it has quietened.
/// </summary>
public static class JitQuiet
{
    /// <summary>Methods compiled so far in this process.</summary>
    public static long CompiledMethods => System.Runtime.JitInfo.GetCompiledMethodCount();

    /// <summary>Waits until half a second passes with fewer than 20 methods compiled, or <paramref name="timeout"/>.</summary>
    public static async Task WaitAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var before = CompiledMethods;
        while (await timer.WaitForNextTickAsync() && deadline.Elapsed < timeout)
        {
            var now = CompiledMethods;
            if (now - before < 20)
            {
                return;
            }

            before = now;
        }
    }
}
