using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

public sealed class ResyncScheduleTests
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(22);

    [Fact]
    public void A_point_is_due_within_one_period()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var gsrn in Generated(200))
        {
            ResyncSchedule.DueTime(gsrn, Period, now).Should().BeGreaterThanOrEqualTo(TimeSpan.Zero).And.BeLessThan(Period);
        }
    }

    [Fact]
    public void A_point_keeps_its_slot_whenever_it_is_registered()
    {
        var gsrn = Generated(1)[0];
        var now = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var slot = now + ResyncSchedule.DueTime(gsrn, Period, now);
        foreach (var later in new[] { TimeSpan.FromMinutes(7), TimeSpan.FromHours(5), Period + TimeSpan.FromHours(3) })
        {
            var registered = now + later;
            var next = registered + ResyncSchedule.DueTime(gsrn, Period, registered);
            ((next - slot).Ticks % Period.Ticks).Should().Be(0, "re-registering lands on the same slot of the period");
        }
    }

    [Fact]
    public void Five_thousand_points_spread_evenly_over_the_period()
    {
        var now = DateTimeOffset.UtcNow;
        const int buckets = 22;
        var counts = new int[buckets];
        foreach (var gsrn in Generated(5000))
        {
            counts[(int)(ResyncSchedule.DueTime(gsrn, Period, now).Ticks * buckets / Period.Ticks)]++;
        }

        // An even spread puts about 227 in each hour; a clump would overload the adapter for that hour.
        counts.Should().OnlyContain(count => count > 150 && count < 310, $"counts per hour were {string.Join(", ", counts)}");
    }

    [Fact]
    public void Backoff_doubles_per_attempt_up_to_the_cap_with_up_to_20_percent_jitter()
    {
        var @base = TimeSpan.FromMinutes(1);
        var max = TimeSpan.FromHours(1);
        ResyncSchedule.Backoff(1, @base, max, 0).Should().Be(TimeSpan.FromMinutes(1));
        ResyncSchedule.Backoff(2, @base, max, 0).Should().Be(TimeSpan.FromMinutes(2));
        ResyncSchedule.Backoff(4, @base, max, 0).Should().Be(TimeSpan.FromMinutes(8));
        ResyncSchedule.Backoff(7, @base, max, 0).Should().Be(TimeSpan.FromHours(1));
        ResyncSchedule.Backoff(100, @base, max, 0).Should().Be(TimeSpan.FromHours(1));
        ResyncSchedule.Backoff(1, @base, max, 1).Should().Be(TimeSpan.FromSeconds(72));
    }

    private static IReadOnlyList<string> Generated(int count) =>
        new OrleansSync.Simulators.Datahub.AccountingPointStore(count, 7, registerFixturePoints: false).GeneratedGsrns;
}
