using OrleansSync.Grains.Incentives;

namespace OrleansSync.Grains.Tests.Incentives;

public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void The_default_weekly_schedule_runs_next_Monday_at_three_in_London()
    {
        var schedule = CronSchedule.Parse(IncentiveReconciliationOptions.ScheduleDefault);

        // Wednesday 12 June 2024, 10:00 BST.
        var next = schedule.Next(new DateTimeOffset(2024, 6, 12, 10, 0, 0, TimeSpan.FromHours(1)), London);

        next.Should().Be(new DateTimeOffset(2024, 6, 17, 3, 0, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_next_occurrence_is_strictly_after_the_given_instant()
    {
        var schedule = CronSchedule.Parse("0 3 * * 1");
        var monday = new DateTimeOffset(2024, 1, 15, 3, 0, 0, TimeSpan.Zero);

        schedule.Next(monday, TimeZoneInfo.Utc).Should().Be(monday.AddDays(7));
        schedule.Next(monday.AddSeconds(-1), TimeZoneInfo.Utc).Should().Be(monday);
    }

    [Fact]
    public void Steps_ranges_and_lists_select_the_minutes_and_hours_they_name()
    {
        var schedule = CronSchedule.Parse("*/15 9-17/4 * * *");
        var start = new DateTimeOffset(2024, 3, 1, 9, 50, 0, TimeSpan.Zero);

        Occurrences(schedule, start, 5).Should().Equal(
            At(2024, 3, 1, 13, 0), At(2024, 3, 1, 13, 15), At(2024, 3, 1, 13, 30), At(2024, 3, 1, 13, 45), At(2024, 3, 1, 17, 0));
        Occurrences(CronSchedule.Parse("5,10 0 * * *"), start, 2).Should().Equal(At(2024, 3, 2, 0, 5), At(2024, 3, 2, 0, 10));
    }

    [Fact]
    public void Month_and_day_names_are_accepted_and_seven_is_Sunday()
    {
        var named = CronSchedule.Parse("30 6 * feb SUN");
        var numbered = CronSchedule.Parse("30 6 * 2 7");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        named.Next(start, TimeZoneInfo.Utc).Should().Be(At(2024, 2, 4, 6, 30), "4 February 2024 is the first Sunday of February");
        numbered.Next(start, TimeZoneInfo.Utc).Should().Be(named.Next(start, TimeZoneInfo.Utc));
    }

    [Fact]
    public void When_both_day_fields_are_restricted_a_day_must_match_both()
    {
        // Cronos reads "the 13th and a Friday" (Vixie cron would run on either): Friday 13 September 2024, then December.
        var schedule = CronSchedule.Parse("0 0 13 * 5");
        var start = new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero);

        Occurrences(schedule, start, 2).Should().Equal(At(2024, 9, 13, 0, 0), At(2024, 12, 13, 0, 0));
    }

    [Fact]
    public void A_day_field_that_is_a_star_leaves_the_choice_to_the_other()
    {
        var schedule = CronSchedule.Parse("0 0 * * 1");
        var start = new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero);

        Occurrences(schedule, start, 2).Should().Equal(At(2024, 9, 2, 0, 0), At(2024, 9, 9, 0, 0));
    }

    [Fact]
    public void A_local_time_skipped_by_the_clocks_going_forward_runs_when_they_jump()
    {
        // 31 March 2024: UK clocks go from 01:00 GMT to 02:00 BST, so 01:30 never shows; the run is at the jump.
        var schedule = CronSchedule.Parse("30 1 * * *");

        schedule.Next(new DateTimeOffset(2024, 3, 30, 12, 0, 0, TimeSpan.Zero), London)
            .Should().Be(new DateTimeOffset(2024, 3, 31, 2, 0, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_local_time_repeated_by_the_clocks_going_back_occurs_once()
    {
        // 27 October 2024: UK clocks go from 02:00 BST back to 01:00 GMT, so 01:30 happens twice.
        var schedule = CronSchedule.Parse("30 1 * * *");
        var first = schedule.Next(new DateTimeOffset(2024, 10, 26, 12, 0, 0, TimeSpan.Zero), London);

        first.Should().Be(new DateTimeOffset(2024, 10, 27, 1, 30, 0, TimeSpan.FromHours(1)));
        schedule.Next(first!.Value, London).Should().Be(new DateTimeOffset(2024, 10, 28, 1, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_date_that_never_comes_has_no_next_occurrence()
    {
        CronSchedule.Parse("0 0 31 2 *").Next(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc).Should().BeNull();
    }

    [Theory]
    [InlineData("0 3 * *", "has 4 fields")]
    [InlineData("60 3 * * 1", "minute")]
    [InlineData("0 24 * * 1", "hour")]
    [InlineData("0 3 0 * 1", "day-of-month")]
    [InlineData("0 3 * 13 1", "month")]
    [InlineData("0 3 * * 8", "day-of-week")]
    [InlineData("0 3 * * MON-SUNDAY", "day-of-week")]
    [InlineData("*/0 3 * * 1", "minute")]
    [InlineData("", "has 0 fields")]
    public void An_invalid_expression_is_refused_naming_the_field(string expression, string expected)
    {
        CronSchedule.TryParse(expression, out var schedule, out var error).Should().BeFalse();
        schedule.Should().BeNull();
        error.Should().Contain(expected);
        FluentActions.Invoking(() => CronSchedule.Parse(expression)).Should().Throw<FormatException>();
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static List<DateTimeOffset> Occurrences(CronSchedule schedule, DateTimeOffset after, int count)
    {
        var occurrences = new List<DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            after = schedule.Next(after, TimeZoneInfo.Utc)!.Value;
            occurrences.Add(after);
        }

        return occurrences;
    }
}
