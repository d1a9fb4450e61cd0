using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Tests.Cluster;

public sealed class ClusterTests : ClusterTestBase
{
    [Fact]
    public async Task Silos_starting_at_the_same_moment_apply_the_schema_once_and_share_the_partitions()
    {
        var started = await Task.WhenAll(StartSiloAsync(), StartSiloAsync(), StartSiloAsync());

        await Eventually.TrueAsync(() => started.Sum(s => s.Runtime.Owned.Count) == 8 && started.All(s => s.Runtime.Owned.Count is >= 2 and <= 3), TimeSpan.FromSeconds(15), "8 partitions settle over 3 silos at a fair share of at most 3 each");
        (await ScalarAsync("select count(*) - count(distinct version) from rt_schema_migration where module = 'runtime'")).Should().Be(0, "each migration ran once");
        (await ScalarAsync("select count(*) from rt_schema_migration where module = 'runtime'")).Should().Be(
            typeof(Grain).Assembly.GetManifestResourceNames().Count(name => name.Contains(".Migrations.runtime.", StringComparison.Ordinal)), "every runtime migration is applied");
    }

    [Fact]
    public async Task A_grain_has_one_activation_in_the_cluster_under_concurrent_calls_from_every_silo()
    {
        var silos = new[] { await StartSiloAsync(), await StartSiloAsync(), await StartSiloAsync() };
        await AllPartitionsServedAsync(silos, TimeSpan.FromSeconds(15));

        var results = await Task.WhenAll(silos.SelectMany(silo => Enumerable.Range(0, 30).Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>("hot").IncrementAsync(2)))));

        results.Should().BeEquivalentTo(Enumerable.Range(1, 90), "every increment ran in its own turn on the one activation");
        Probe.MaxConcurrentTurns.Should().Be(1);
        Probe.Count("activate:hot").Should().Be(1);
        silos.Sum(s => s.Runtime.ActivationCount).Should().Be(1);
    }

    [Fact]
    public async Task A_joining_silo_gets_its_fair_share_and_grains_keep_their_state()
    {
        var first = await StartSiloAsync();
        await first.Grains.GetGrain<IProfileGrain>("moves").SetNameAsync("before the join");

        var second = await StartSiloAsync();

        await Eventually.TrueAsync(() => first.Runtime.Owned.Count == 4 && second.Runtime.Owned.Count == 4, TimeSpan.FromSeconds(15), "the first silo hands half its partitions to the newcomer");
        (await second.Grains.GetGrain<IProfileGrain>("moves").GetAsync()).Name.Should().Be("before the join");
        await first.Grains.GetGrain<IProfileGrain>("moves").SetNameAsync("after the join");
        (await second.Grains.GetGrain<IProfileGrain>("moves").GetAsync()).Name.Should().Be("after the join");
    }

    [Fact]
    public async Task A_call_to_a_grain_on_another_silo_returns_its_result_and_its_exception_type()
    {
        var first = await StartSiloAsync();
        var second = await StartSiloAsync();
        await AllPartitionsServedAsync([first, second], TimeSpan.FromSeconds(15));
        var remoteKey = KeyOwnedBy(second, nameof(CounterGrain), "remote");

        (await first.Grains.GetGrain<ICounterGrain>(remoteKey).EchoAsync("hi")).Should().Be($"{remoteKey}:hi");
        var act = () => first.Grains.GetGrain<ICounterGrain>(remoteKey).FailAsync("bad input");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("bad input");
        second.Runtime.ActivationCount.Should().Be(1, "the grain ran on the silo that owns it");
        first.Runtime.ActivationCount.Should().Be(0);
    }

    [Fact]
    public async Task A_call_cycle_across_silos_fails_fast()
    {
        var first = await StartSiloAsync();
        var second = await StartSiloAsync();
        await AllPartitionsServedAsync([first, second], TimeSpan.FromSeconds(15));
        var onFirst = KeyOwnedBy(first, nameof(CycleGrain), "a");
        var onSecond = KeyOwnedBy(second, nameof(CycleGrain), "b");

        var act = () => first.Grains.GetGrain<ICycleGrain>(onFirst).CallAsync([onSecond, onFirst]);

        await act.Should().ThrowAsync<GrainCallCycleException>().WithMessage($"*{onFirst}*{onSecond}*{onFirst}*");
    }

    [Fact]
    public async Task A_silo_that_crashes_under_stream_load_loses_nothing_and_its_partitions_serve_again_within_the_lease_timeout()
    {
        var silos = new[] { await StartSiloAsync(), await StartSiloAsync(), await StartSiloAsync() };
        await AllPartitionsServedAsync(silos, TimeSpan.FromSeconds(15));
        const int Keys = 200;
        const int PerKey = 15;

        var producing = ProduceAsync(silos[0].Runtime.StreamProducer, Keys, PerKey, "load");
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received") > 300, TimeSpan.FromSeconds(30), "load is flowing");
        var crashed = Stopwatch.StartNew();
        await silos[2].CrashAsync();

        await AllPartitionsServedAsync([silos[0], silos[1]], TimeSpan.FromSeconds(20));
        var servingAgain = crashed.Elapsed;
        await producing;

        await AssertExactlyOnceInOrderAsync(Keys * PerKey, TimeSpan.FromSeconds(90));
        var options = silos[0].Runtime.Options;
        servingAgain.Should().BeLessThan(options.LeaseDuration + (options.EffectiveLeaseRenewInterval * 3), "the dead silo's partitions are taken over as soon as its leases expire");
    }

    [Fact]
    public async Task A_silo_paused_past_its_lease_cannot_commit_afterwards()
    {
        var first = await StartSiloAsync();
        var second = await StartSiloAsync();
        await AllPartitionsServedAsync([first, second], TimeSpan.FromSeconds(15));
        var key = KeyOwnedBy(first, nameof(ProfileGrain), "paused");
        await first.Grains.GetGrain<IProfileGrain>(key).SetNameAsync("before the pause");

        first.Runtime.Leases.SuspendForTesting();
        await Eventually.TrueAsync(() => second.Runtime.Owned.Count == second.Runtime.PartitionCount, TimeSpan.FromSeconds(15), "the other silo takes over the paused silo's expired leases");

        var act = () => first.Grains.GetGrain<IProfileGrain>(key).SetNameAsync("from the paused silo");

        await act.Should().ThrowAsync<LeaseLostException>("the paused silo still believes it owns the partition, but fencing refuses its write");
        (await second.Grains.GetGrain<IProfileGrain>(key).GetAsync()).Name.Should().Be("before the pause");
        await second.Grains.GetGrain<IProfileGrain>(key).SetNameAsync("from the new owner");
        (await ScalarAsync("select count(*) from rt_grain_state where grain_key = $1 and data->>'name' = 'from the new owner'", key)).Should().Be(1);
        first.Runtime.Leases.ResumeForTesting();
    }

    [Fact]
    public async Task A_gateway_client_routes_calls_to_the_owning_silos()
    {
        var silo = await StartSiloAsync();
        var gateway = await StartSiloAsync(options => options.Role = RuntimeRole.Client);

        await gateway.Grains.GetGrain<IProfileGrain>("via-gateway").SetNameAsync("routed");

        (await silo.Grains.GetGrain<IProfileGrain>("via-gateway").GetAsync()).Name.Should().Be("routed");
        gateway.Runtime.Owned.Count.Should().Be(0, "a client hosts no partitions");
        gateway.Runtime.ActivationCount.Should().Be(0);
    }
}
