using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Activations;

public sealed class ActivationTests : SiloTestBase
{
    protected override void Configure(RuntimeOptions options) => options.CallTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Concurrent_calls_to_one_grain_never_overlap()
    {
        var counter = Grains.GetGrain<ICounterGrain>("shared");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => counter.IncrementAsync(holdMilliseconds: 5))));

        Probe.MaxConcurrentTurns.Should().Be(1, "a grain runs one turn at a time");
        results.Should().BeEquivalentTo(Enumerable.Range(1, 50), "no increment was lost to an overlapping turn");
        (await counter.GetAsync()).Should().Be(50);
    }

    [Fact]
    public async Task Calls_to_different_grains_run_in_parallel()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Grains.GetGrain<ICounterGrain>($"p{i}").IncrementAsync(holdMilliseconds: 200)));

        Probe.MaxConcurrentTurns.Should().BeGreaterThan(1, "locking is per grain, not per silo");
    }

    [Fact]
    public async Task Value_task_methods_and_results_round_trip()
    {
        var grain = Grains.GetGrain<ICounterGrain>("echo");

        await grain.PingAsync();
        (await grain.EchoAsync("hello")).Should().Be("echo:hello");
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message()
    {
        var act = () => Grains.GetGrain<ICounterGrain>("thrower").FailAsync("no such prisoner");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("no such prisoner");
        (await Grains.GetGrain<ICounterGrain>("thrower").IncrementAsync(0)).Should().Be(1, "a failed turn leaves the activation usable");
    }

    [Fact]
    public async Task A_call_cycle_fails_fast_instead_of_hanging()
    {
        var started = Stopwatch.StartNew();

        var act = () => Grains.GetGrain<ICycleGrain>("a").CallAsync(["b", "a"]);

        await act.Should().ThrowAsync<GrainCallCycleException>().WithMessage("*CycleGrain/a → CycleGrain/b → CycleGrain/a*");
        started.Elapsed.Should().BeLessThan(Silo.Runtime.Options.CallTimeout, "the cycle is detected, not timed out");
        (await Grains.GetGrain<ICycleGrain>("a").CallAsync(["b", "c"])).Should().Be("c", "a chain without a cycle still works");
    }

    [Fact]
    public async Task A_call_that_outlives_the_call_timeout_fails_with_a_timeout()
    {
        var act = () => Grains.GetGrain<ICounterGrain>("slow").IncrementAsync(holdMilliseconds: 8000);

        await act.Should().ThrowAsync<GrainCallTimeoutException>().WithMessage("*slow*IncrementAsync*");
    }

    [Fact]
    public async Task A_grain_that_asks_to_deactivate_is_activated_afresh_on_its_next_call()
    {
        var grain = Grains.GetGrain<ICounterGrain>("restart");
        await grain.IncrementAsync(0);

        await grain.DeactivateAsync();
        await Eventually.TrueAsync(() => Probe.Count("deactivate:restart:Requested") == 1, TimeSpan.FromSeconds(5), "the grain deactivates after its turn");

        (await grain.GetAsync()).Should().Be(0, "in-memory state went with the old activation");
        Probe.Count("activate:restart").Should().Be(2);
    }
}
