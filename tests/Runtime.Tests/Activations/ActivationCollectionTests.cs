using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Activations;

public sealed class ActivationCollectionTests : SiloTestBase
{
    protected override void Configure(RuntimeOptions options)
    {
        options.ActivationIdleAge = TimeSpan.FromMilliseconds(500);
        options.ActivationCollectionInterval = TimeSpan.FromMilliseconds(100);
        options.MaxActivations = 30;
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_the_idle_age()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Grains.GetGrain<ICounterGrain>($"idle{i}").PingAsync().AsTask()));
        Silo.Runtime.ActivationCount.Should().Be(10);

        await Eventually.TrueAsync(() => Silo.Runtime.ActivationCount == 0, TimeSpan.FromSeconds(10), "idle activations are collected");

        Enumerable.Range(0, 10).Should().OnlyContain(i => Probe.Count($"deactivate:idle{i}:Idle") == 1);
    }

    [Fact]
    public async Task A_busy_activation_is_not_collected()
    {
        var busy = Grains.GetGrain<ICounterGrain>("busy");
        var idle = Grains.GetGrain<ICounterGrain>("quiet");
        await idle.PingAsync();

        await Eventually.TrueAsync(async () =>
        {
            await busy.IncrementAsync(0);
            return Probe.Count("deactivate:quiet:Idle") == 1;
        }, TimeSpan.FromSeconds(10), "the idle grain is collected while the busy one keeps working");

        Probe.Count("activate:busy").Should().Be(1, "a grain called more often than the idle age stays active");
    }

    [Fact]
    public async Task Passing_the_activation_cap_collects_the_least_recently_used()
    {
        for (var i = 0; i < 60; i++)
        {
            await Grains.GetGrain<ICounterGrain>($"cap{i}").PingAsync();
        }

        await Eventually.TrueAsync(() => Silo.Runtime.ActivationCount <= 30, TimeSpan.FromSeconds(5), "the cap of 30 live activations is enforced");
        Probe.Count("deactivate:cap0:ActivationLimit").Should().Be(1, "the oldest went first");
    }
}
