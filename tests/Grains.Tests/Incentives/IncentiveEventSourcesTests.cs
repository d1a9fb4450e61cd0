using System.Text.Json;
using OrleansSync.Api.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.Incentives;

public sealed class IncentiveEventSourcesTests
{
    [Theory]
    [InlineData("iep-upserted-offender-event.json", "IEP_UPSERTED")]
    [InlineData("iep-deleted-offender-event.json", "IEP_DELETED")]
    public void A_raw_IEP_fixture_is_routed_to_its_prisoner(string fixture, string eventType)
    {
        var classification = IncentiveEventSources.ClassifyOffenderEvent(HmppsFixtures.Element(fixture));

        classification.EventType.Should().Be(eventType);
        classification.StreamKey.Should().Be("G4803UT");
        classification.Error.Should().BeNull();
        classification.MessageId.Should().Be("5958295", "a raw event is de-duplicated by NOMIS' event id");
    }

    [Theory]
    [InlineData("iep-upserted-offender-event-sns-envelope.json")]
    [InlineData("iep-deleted-offender-event-sns-envelope.json")]
    public void The_event_inside_an_SNS_envelope_fixture_is_routed_to_its_prisoner(string fixture)
    {
        IncentiveEventSources.ClassifyOffenderEvent(HmppsFixtures.SnsMessage(fixture)).StreamKey.Should().Be("G4803UT");
    }

    [Fact]
    public void Ids_written_as_numbers_are_accepted_like_ids_written_as_strings()
    {
        var numeric = Parse("""{"eventType":"IEP_UPSERTED","offenderIdDisplay":"A1234AA","bookingId":1234,"iepSeq":2,"auditModuleName":"OIDOIEPS","eventId":99}""");

        var classification = IncentiveEventSources.ClassifyOffenderEvent(numeric);

        classification.StreamKey.Should().Be("A1234AA");
        classification.MessageId.Should().Be("99");
    }

    [Theory]
    [InlineData("""{"eventType":"IEP_UPSERTED","offenderIdDisplay":"A1234AA","iepSeq":"1"}""", "bookingId is required")]
    [InlineData("""{"eventType":"IEP_UPSERTED","offenderIdDisplay":"A1234AA","bookingId":"x","iepSeq":"1"}""", "bookingId must be a positive whole number")]
    [InlineData("""{"eventType":"IEP_DELETED","offenderIdDisplay":"A1234AA","bookingId":"5"}""", "iepSeq is required")]
    [InlineData("""{"eventType":"IEP_UPSERTED","bookingId":"5","iepSeq":"1"}""", "offenderIdDisplay is required")]
    [InlineData("""{"eventType":"IEP_UPSERTED","offenderIdDisplay":"nobody","bookingId":"5","iepSeq":"1"}""", "offenderIdDisplay must be a NOMS number")]
    [InlineData("""{"bookingId":"5"}""", "eventType is required")]
    public void An_IEP_event_missing_what_the_sync_needs_is_refused_naming_the_field(string json, string error)
    {
        var classification = IncentiveEventSources.ClassifyOffenderEvent(Parse(json));

        classification.StreamKey.Should().BeNull();
        classification.Error.Should().Contain(error);
    }

    [Fact]
    public void Other_offender_events_are_skipped()
    {
        var classification = IncentiveEventSources.ClassifyOffenderEvent(Parse("""{"eventType":"OFFENDER_MOVEMENT-RECEPTION","offenderIdDisplay":"A1234AA"}"""));

        classification.StreamKey.Should().BeNull();
        classification.Error.Should().BeNull();
        classification.Reason.Should().Contain("IEP_UPSERTED");
    }

    [Fact]
    public void The_inserted_domain_event_fixture_is_routed_to_its_prisoner()
    {
        var classification = IncentiveEventSources.ClassifyDomainEvent(HmppsFixtures.Element("incentives-iep-review-inserted-domain-event.json"));

        classification.EventType.Should().Be("incentives.iep-review.inserted");
        classification.StreamKey.Should().Be("A3765EA");
    }

    [Fact]
    public void An_inserted_event_naming_only_the_review_is_keyed_by_the_review()
    {
        // The SNS fixture's message is {"eventType": ..., "additionalInformation": {"id": "12"}}: no NOMS number, id a string.
        var classification = IncentiveEventSources.ClassifyDomainEvent(HmppsFixtures.SnsMessage("incentives-iep-review-inserted-domain-event-sns-envelope.json"));

        classification.StreamKey.Should().Be("incentive-review-12");
    }

    [Theory]
    [InlineData("incentives-level-changed-domain-event.json")]
    public void Domain_events_the_sync_does_not_act_on_are_skipped(string fixture)
    {
        var classification = IncentiveEventSources.ClassifyDomainEvent(HmppsFixtures.Element(fixture));

        classification.StreamKey.Should().BeNull();
        classification.Error.Should().BeNull();
    }

    [Fact]
    public void An_inserted_event_without_a_review_id_is_refused()
    {
        var classification = IncentiveEventSources.ClassifyDomainEvent(Parse("""{"eventType":"incentives.iep-review.inserted","additionalInformation":{"nomsNumber":"A1234AA"}}"""));

        classification.Error.Should().Contain("additionalInformation.id is required");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
