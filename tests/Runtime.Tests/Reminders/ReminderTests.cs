using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Reminders;

public sealed class ReminderTests : SiloTestBase
{
    [Fact]
    public async Task A_reminder_fires_when_due_and_then_every_period()
    {
        var started = Stopwatch.StartNew();
        await Grains.GetGrain<IAlarmGrain>("ontime").SetAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(400));

        await Eventually.TrueAsync(() => Probe.Count("tick:ontime:alarm") >= 1, TimeSpan.FromSeconds(5), "the first tick fires");
        var firstTick = started.Elapsed;
        await Eventually.TrueAsync(() => Probe.Count("tick:ontime:alarm") >= 3, TimeSpan.FromSeconds(5), "it keeps firing every period");

        firstTick.Should().BeGreaterThan(TimeSpan.FromMilliseconds(450), "not before it is due");
        firstTick.Should().BeLessThan(TimeSpan.FromMilliseconds(2000), "within a poll interval or so of being due");
    }

    [Fact]
    public async Task A_reminder_missed_while_the_cluster_was_down_fires_once_on_recovery()
    {
        await Grains.GetGrain<IAlarmGrain>("downtime").SetAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await Silo.DisposeAsync();

        // Ten hours of downtime: ten missed periods.
        await ExecuteAsync("update rt_reminder set due_at = now() - interval '10 hours' where grain_key = 'downtime'");
        await using var recovered = await TestSilo.StartAsync(Database.ConnectionString);

        await Eventually.TrueAsync(() => recovered.Probe.Count("tick:downtime:alarm") == 1, TimeSpan.FromSeconds(5), "the missed tick fires on recovery");
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from rt_reminder where grain_key = 'downtime' and due_at > now()") == 1, TimeSpan.FromSeconds(5), "the reminder is advanced past now");
        recovered.Probe.Count("tick:downtime:alarm").Should().Be(1, "missed periods are not replayed one by one");
        (await ScalarAsync("select extract(epoch from due_at - now())::bigint from rt_reminder where grain_key = 'downtime'")).Should().BeInRange(0, 3600, "the next tick is the next period boundary");
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_firing()
    {
        var grain = Grains.GetGrain<IAlarmGrain>("cancel");
        await grain.SetAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        await Eventually.TrueAsync(() => Probe.Count("tick:cancel:alarm") >= 1, TimeSpan.FromSeconds(5), "it fires");

        await grain.CancelAsync();

        (await ScalarAsync("select count(*) from rt_reminder where grain_key = 'cancel'")).Should().Be(0);
    }

    [Fact]
    public async Task A_reminder_period_below_the_minimum_is_refused()
    {
        var act = () => Grains.GetGrain<IAlarmGrain>("tooshort").SetAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(10));

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*at least*");
    }
}
