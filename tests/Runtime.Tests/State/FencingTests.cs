using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.State;

public sealed class FencingTests : SiloTestBase
{
    [Fact]
    public async Task A_write_after_the_partition_lease_moved_on_is_refused_and_commits_nothing()
    {
        var grain = Grains.GetGrain<IProfileGrain>("fenced");
        await grain.SetNameAsync("before");
        var partition = (int)await ScalarAsync("select partition from rt_grain_state where grain_key = 'fenced'");

        // What another silo's takeover does to the lease row: a new epoch.
        await ExecuteAsync("update rt_lease set epoch = epoch + 1 where partition = $1", partition);
        var act = () => grain.SetNameAsync("after");

        await act.Should().ThrowAsync<LeaseLostException>();
        (await ScalarAsync("select count(*) from rt_grain_state where grain_key = 'fenced' and data->>'name' = 'before'")).Should().Be(1, "the fenced write committed nothing");
    }

    [Fact]
    public async Task A_silo_fenced_out_of_a_partition_takes_it_back_under_a_new_epoch_and_serves_again()
    {
        var grain = Grains.GetGrain<IProfileGrain>("recovers");
        await grain.SetNameAsync("before");
        var partition = (int)await ScalarAsync("select partition from rt_grain_state where grain_key = 'recovers'");
        await ExecuteAsync("update rt_lease set epoch = epoch + 1 where partition = $1", partition);
        await FluentActions.Awaiting(() => grain.SetNameAsync("refused")).Should().ThrowAsync<LeaseLostException>();

        await grain.SetNameAsync("after");

        (await grain.GetAsync()).Name.Should().Be("after");
        (await ScalarAsync("select epoch from rt_lease where partition = $1", partition)).Should().BeGreaterThan(2, "the partition was re-acquired, bumping the epoch again");
    }
}
