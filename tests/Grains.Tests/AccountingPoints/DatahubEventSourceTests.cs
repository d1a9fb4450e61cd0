using System.Text.Json;
using OrleansSync.Api.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

public sealed class DatahubEventSourceTests
{
    [Fact]
    public void A_change_event_is_routed_to_its_point_and_deduplicated_by_its_id()
    {
        var classification = Classify("""{"eventType": "accounting-point-changed", "gsrn": "133700000000000053", "occurredAt": "2026-01-05T10:00:00Z", "eventId": "e-1"}""");
        classification.StreamKey.Should().Be("133700000000000053");
        classification.EventType.Should().Be("accounting-point-changed");
        classification.MessageId.Should().Be("e-1");
        classification.Error.Should().BeNull();
    }

    [Fact]
    public void An_invalid_GSRN_refuses_the_event_naming_the_rule() =>
        Classify("""{"eventType": "accounting-point-changed", "gsrn": "133700000000000054"}""").Error
            .Should().Be("gsrn: GSRN check digit is 4 but the GS1 mod-10 check digit of the first 17 digits is 3");

    [Theory]
    [InlineData("""{"gsrn": "133700000000000053"}""", "eventType is required")]
    [InlineData("""{"eventType": "accounting-point-changed"}""", "gsrn: GSRN is required")]
    [InlineData("""{"eventType": "accounting-point-changed", "gsrn": "133700000000000053", "occurredAt": "yesterday"}""", "occurredAt must be an RFC 3339 date-time")]
    [InlineData("""[1, 2]""", "the event must be a JSON object")]
    public void A_malformed_event_is_refused_naming_the_field(string json, string error) =>
        Classify(json).Error.Should().Be(error);

    [Fact]
    public void Other_event_types_are_skipped_with_a_reason()
    {
        var classification = Classify("""{"eventType": "metering-value-received", "gsrn": "133700000000000053"}""");
        classification.StreamKey.Should().BeNull();
        classification.Error.Should().BeNull();
        classification.Reason.Should().Contain("accounting-point-changed");
    }

    private static OrleansSync.Api.Ingestion.EventClassification Classify(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DatahubEventSource.Classify(document.RootElement.Clone());
    }
}
