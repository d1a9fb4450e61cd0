using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

public sealed class TimelineMergeTests
{
    private static readonly DateTimeOffset Jan2024 = OsloTime.Midnight(new DateOnly(2024, 1, 1));
    private static readonly DateTimeOffset Jun2024 = OsloTime.Midnight(new DateOnly(2024, 6, 1));
    private static readonly DateTimeOffset Jan2025 = OsloTime.Midnight(new DateOnly(2025, 1, 1));
    private static readonly DateTimeOffset Jan2023 = OsloTime.Midnight(new DateOnly(2023, 1, 1));
    private static readonly DateTimeOffset Jun2023 = OsloTime.Midnight(new DateOnly(2023, 6, 1));

    [Fact]
    public void A_timeline_that_matches_the_stored_rows_needs_no_writes()
    {
        var stored = new[] { Row(1, "A", Jan2024, Jun2024), Row(2, "B", Jun2024, null) };
        var plan = TimelineMerge.Plan(stored, [Period("A", Jan2024, Jun2024), Period("B", Jun2024, null)], Jan2024);
        plan.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Nothing_stored_inserts_every_returned_period()
    {
        var plan = TimelineMerge.Plan([], [Period("A", Jan2024, Jun2024), Period("B", Jun2024, null)], Jan2024);
        plan.Inserts.Select(p => p.Value).Should().Equal("A", "B");
        plan.Updates.Should().BeEmpty();
        plan.Deletes.Should().BeEmpty();
    }

    [Fact]
    public void A_period_with_the_same_start_but_another_value_or_end_updates_the_row_in_place()
    {
        var stored = new[] { Row(1, "A", Jan2024, null), Row(2, "B", Jan2025, null) };
        var plan = TimelineMerge.Plan(stored, [Period("A", Jan2024, Jun2024), Period("C", Jan2025, null)], Jan2024);
        plan.Updates.Should().BeEquivalentTo(new[] { Row(1, "A", Jan2024, Jun2024), Row(2, "C", Jan2025, null) });
        plan.Inserts.Should().BeEmpty();
        plan.Deletes.Should().BeEmpty();
    }

    [Fact]
    public void A_stored_period_the_adapter_no_longer_returns_within_the_window_is_deleted()
    {
        var stored = new[] { Row(1, "A", Jan2024, Jun2024), Row(2, "B", Jun2024, null) };
        var plan = TimelineMerge.Plan(stored, [Period("A", Jan2024, null)], Jan2024);
        plan.Updates.Should().ContainSingle().Which.Should().Be(Row(1, "A", Jan2024, null));
        plan.Deletes.Should().Equal(2);
    }

    [Fact]
    public void A_row_that_ended_before_valid_from_and_overlaps_nothing_returned_is_kept()
    {
        var stored = new[] { Row(1, "OLD", Jan2023, Jun2023), Row(2, "A", Jan2024, null) };
        var plan = TimelineMerge.Plan(stored, [Period("A", Jan2024, null)], Jan2024);
        plan.IsEmpty.Should().BeTrue("the adapter was not asked about 2023, so its silence is not a deletion");
    }

    [Fact]
    public void A_row_before_valid_from_that_overlaps_a_returned_period_is_deleted()
    {
        // The datahub corrected history: the returned period reaches back over the old row.
        var stored = new[] { Row(1, "OLD", Jan2023, Jun2023), Row(2, "A", Jun2023, null) };
        var plan = TimelineMerge.Plan(stored, [Period("B", Jan2023.AddMonths(2), null)], Jan2024);
        plan.Deletes.Should().BeEquivalentTo(new long[] { 1, 2 });
        plan.Inserts.Should().ContainSingle().Which.Value.Should().Be("B");
    }

    [Fact]
    public void A_returned_period_that_started_before_valid_from_matches_its_row_by_start()
    {
        var stored = new[] { Row(7, "A", Jan2023, null) };
        var plan = TimelineMerge.Plan(stored, [Period("A", Jan2023, null)], Jan2024);
        plan.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void An_empty_timeline_deletes_every_row_in_the_window()
    {
        var stored = new[] { Row(1, "A", Jan2024, Jun2024), Row(2, "B", Jun2024, null) };
        var plan = TimelineMerge.Plan(stored, [], Jan2024);
        plan.Deletes.Should().BeEquivalentTo(new long[] { 1, 2 });
    }

    [Fact]
    public void End_user_values_compare_by_business_id_and_entity_type()
    {
        var stored = new[] { new StoredPeriod<EndUserValue>(1, new EndUserValue("123456789", null), Jan2024, null) };
        var plan = TimelineMerge.Plan(stored, [new TimelinePeriod<EndUserValue>(new EndUserValue("123456789", "organisation"), Jan2024, null)], Jan2024);
        plan.Updates.Should().ContainSingle().Which.Value.EntityType.Should().Be("organisation");
    }

    private static StoredPeriod<string> Row(long id, string value, DateTimeOffset from, DateTimeOffset? to) => new(id, value, from, to);

    private static TimelinePeriod<string> Period(string value, DateTimeOffset from, DateTimeOffset? to) => new(value, from, to);
}
