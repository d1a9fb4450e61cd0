using System.Text.Json;
using OrleansSync.Api.Incentives;

namespace OrleansSync.Grains.Tests.ReferenceData;

/// <summary>prisoner-offender-search.prisoner.received is routed to the prisoner's grain; one it cannot act on is refused at the gateway.</summary>
public sealed class PrisonerReceivedClassificationTests
{
    [Fact]
    public void A_received_event_is_routed_by_its_NOMS_number()
    {
        var classification = IncentiveEventSources.ClassifyDomainEvent(Parse(
            """{"eventType":"prisoner-offender-search.prisoner.received","version":1,"additionalInformation":{"nomsNumber":"A1234AA","prisonId":"MDI","reason":"TRANSFERRED","details":null}}"""));

        classification.StreamKey.Should().Be("A1234AA");
        classification.Error.Should().BeNull();
    }

    [Fact]
    public void A_received_event_without_its_prison_is_invalid_naming_the_field()
    {
        var classification = IncentiveEventSources.ClassifyDomainEvent(Parse(
            """{"eventType":"prisoner-offender-search.prisoner.received","additionalInformation":{"nomsNumber":"A1234AA","reason":"NEW_ADMISSION"}}"""));

        classification.StreamKey.Should().BeNull();
        classification.Error.Should().Contain("additionalInformation.prisonId");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
