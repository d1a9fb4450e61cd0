using System.Text.Json;
using OrleansSync.Api.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.PrisonTransfers;

/// <summary>The domain-events source routes the transfer events (contract fixtures) to the prisoner's stream.</summary>
public sealed class TransferEventSourcesTests
{
    [Theory]
    [InlineData("prisoner-updated-location-domain-event.json", "A1234AB")]
    [InlineData("prisoner-updated-domain-event.json", "A7928DZ")]
    [InlineData("allocation-changed-domain-event.json", "A0123BY")]
    [InlineData("prisoner-merged-domain-event.json", "A3645EA")]
    public void Transfer_events_are_keyed_by_the_prisoner_a_merge_by_the_remaining_number(string fixture, string key)
    {
        var classification = IncentiveEventSources.ClassifyDomainEvent(HmppsFixtures.Element(fixture));

        classification.Error.Should().BeNull();
        classification.StreamKey.Should().Be(key);
    }

    [Fact]
    public void The_older_merge_event_without_its_own_eventType_is_routed_once_the_gateway_copies_the_attribute_in()
    {
        var message = HmppsFixtures.SnsMessage("prisoner-merged-domain-event-sns-envelope.json");
        var withType = JsonSerializer.SerializeToElement(
            message.EnumerateObject().ToDictionary(p => p.Name, p => p.Value).Append(new("eventType", JsonSerializer.SerializeToElement("prison-offender-events.prisoner.merged"))).ToDictionary());

        IncentiveEventSources.ClassifyDomainEvent(withType).StreamKey.Should().Be("A1244AB");
    }

    [Fact]
    public void A_prisoner_update_without_LOCATION_is_skipped()
    {
        var json = HmppsFixtures.Text("prisoner-updated-domain-event.json").Replace("\"LOCATION\"", "\"ALERTS\"", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);

        var classification = IncentiveEventSources.ClassifyDomainEvent(document.RootElement);

        classification.StreamKey.Should().BeNull();
        classification.Error.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"eventType":"prison-offender-events.prisoner.merged","additionalInformation":{"nomsNumber":"A1234AA"}}""", "additionalInformation.removedNomsNumber")]
    [InlineData("""{"eventType":"offender-management.allocation.changed","additionalInformation":{"staffCode":1,"prisonId":"PPP"}}""", "personReference")]
    public void A_transfer_event_missing_its_prisoner_is_refused_naming_the_field(string json, string field)
    {
        using var document = JsonDocument.Parse(json);

        IncentiveEventSources.ClassifyDomainEvent(document.RootElement).Error.Should().Contain(field);
    }
}
