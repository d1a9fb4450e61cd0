using System.Text.Json;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.Incentives;

public sealed class IncentiveDomainEventsTests
{
    [Fact]
    public void An_inserted_event_has_exactly_the_shape_of_the_incentives_api_fixture()
    {
        var fixture = HmppsFixtures.Element("incentives-iep-review-inserted-domain-event.json");

        using var created = JsonDocument.Parse(IncentiveDomainEvents.Create(IncentiveReviewEvent.Inserted, 2907711, "A3765EA", null, new DateTime(2024, 6, 14, 9, 6, 54, 301)));
        var root = created.RootElement;

        HmppsFixtures.Keys(root).Should().Equal(HmppsFixtures.Keys(fixture));
        HmppsFixtures.Keys(root.GetProperty("additionalInformation")).Should().Equal(HmppsFixtures.Keys(fixture.GetProperty("additionalInformation")));
        root.GetProperty("additionalInformation").GetProperty("id").GetInt64().Should().Be(2907711);
        root.GetProperty("additionalInformation").GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("version").GetString().Should().Be("1.0");
        root.GetProperty("description").GetString().Should().Be(fixture.GetProperty("description").GetString());
        root.GetProperty("occurredAt").GetString().Should().Be("2024-06-14T09:06:54.301+01:00", "the review time is local UK time, here British Summer Time");
    }

    [Fact]
    public void An_event_from_the_NOMIS_sync_carries_its_reason_and_a_winter_offset()
    {
        using var created = JsonDocument.Parse(IncentiveDomainEvents.Create(IncentiveReviewEvent.Inserted, 1234567, "A1111AA", IncentiveReviewEvent.UserCreatedNomis, new DateTime(2023, 12, 5, 12, 34, 56)));

        created.RootElement.GetProperty("additionalInformation").GetProperty("reason").GetString().Should().Be("USER_CREATED_NOMIS");
        created.RootElement.GetProperty("occurredAt").GetString().Should().Be("2023-12-05T12:34:56+00:00");
    }

    [Theory]
    [InlineData(IncentiveReviewEvent.Updated, "An IEP review has been updated")]
    [InlineData(IncentiveReviewEvent.Deleted, "An IEP review has been deleted")]
    public void Updated_and_deleted_events_are_described_as_incentives_api_describes_them(string eventType, string description)
    {
        using var created = JsonDocument.Parse(IncentiveDomainEvents.Create(eventType, 1, "A1111AA", null, new DateTime(2023, 12, 5, 12, 34, 56)));

        created.RootElement.GetProperty("eventType").GetString().Should().Be(eventType);
        created.RootElement.GetProperty("description").GetString().Should().Be(description);
    }
}
