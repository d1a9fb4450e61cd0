using System.Text.Json;
using OrleansSync.Grains.ReferenceData;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.ReferenceData;

/// <summary>The reference-data events have exactly the shapes of the incentives-api event fixtures.</summary>
public sealed class ReferenceDataEventsTests
{
    [Theory]
    [InlineData("incentives-level-changed-domain-event.json")]
    [InlineData("incentives-levels-reordered-domain-event.json")]
    [InlineData("incentives-prison-level-changed-domain-event.json")]
    public void An_event_has_the_fixtures_keys_type_version_and_description(string fixtureName)
    {
        var fixture = HmppsFixtures.Element(fixtureName);
        var eventType = fixture.GetProperty("eventType").GetString();
        var info = fixture.TryGetProperty("additionalInformation", out var i) ? i : default;
        var json = eventType switch
        {
            ReferenceDataEvents.LevelChanged => ReferenceDataEvents.Level(info.GetProperty("incentiveLevel").GetString()!, TimeProvider.System),
            ReferenceDataEvents.LevelsReordered => ReferenceDataEvents.Reordered(TimeProvider.System),
            _ => ReferenceDataEvents.PrisonLevel(info.GetProperty("prisonId").GetString()!, info.GetProperty("incentiveLevel").GetString()!, TimeProvider.System),
        };

        using var created = JsonDocument.Parse(json);
        var root = created.RootElement;
        HmppsFixtures.Keys(root).Should().Equal(HmppsFixtures.Keys(fixture));
        if (info.ValueKind == JsonValueKind.Object)
        {
            JsonSerializer.Serialize(root.GetProperty("additionalInformation")).Should().Be(JsonSerializer.Serialize(info));
        }

        root.GetProperty("version").GetString().Should().Be("1.0");
        root.GetProperty("description").GetString().Should().Be(fixture.GetProperty("description").GetString());
        DateTimeOffset.Parse(root.GetProperty("occurredAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }
}
