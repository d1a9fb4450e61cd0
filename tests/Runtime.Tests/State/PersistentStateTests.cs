using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.State;

public sealed class PersistentStateTests : SiloTestBase
{
    [Fact]
    public async Task State_survives_the_silo()
    {
        await Grains.GetGrain<IProfileGrain>("A1234BC").SetNameAsync("Ann");
        await Silo.DisposeAsync();

        await using var restarted = await TestSilo.StartAsync(Database.ConnectionString);
        var state = await restarted.Grains.GetGrain<IProfileGrain>("A1234BC").GetAsync();

        state.Name.Should().Be("Ann");
        state.Writes.Should().Be(1);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_version_is_refused_and_the_grain_reloads()
    {
        var grain = Grains.GetGrain<IProfileGrain>("stale");
        await grain.SetNameAsync("first");
        await ExecuteAsync("update rt_grain_state set data = '{\"name\":\"changed elsewhere\",\"writes\":7}', version = version + 1 where grain_key = 'stale'");

        var act = () => grain.SetNameAsync("second");

        await act.Should().ThrowAsync<InconsistentStateException>().WithMessage("*stale*");
        (await ScalarAsync("select version from rt_grain_state where grain_key = 'stale'")).Should().Be(2, "the refused write changed nothing");
        await Eventually.TrueAsync(async () => (await grain.GetAsync()).Name == "changed elsewhere", TimeSpan.FromSeconds(5), "the conflicting activation is replaced by one that reloads");
        await grain.SetNameAsync("third");
        (await grain.GetAsync()).Writes.Should().Be(8);
    }

    [Fact]
    public async Task Clearing_state_deletes_the_row_and_starts_over()
    {
        var grain = Grains.GetGrain<IProfileGrain>("clear");
        await grain.SetNameAsync("gone soon");

        await grain.ClearAsync();

        (await ScalarAsync("select count(*) from rt_grain_state where grain_key = 'clear'")).Should().Be(0);
        (await grain.GetAsync()).Name.Should().BeNull();
        await grain.SetNameAsync("again");
        (await ScalarAsync("select version from rt_grain_state where grain_key = 'clear'")).Should().Be(1);
    }
}
