using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansSync.Grains.Tests.Finance.Support;

/// <summary>Hackney EntityEventSns envelopes (contracts §1) as the tenure API publishes them, for tests that post events themselves.</summary>
internal static class TenureEnvelopes
{
    public static string Event(string eventType, Guid tenureId, Guid? id = null, Guid? correlationId = null) => JsonSerializer.Serialize(new
    {
        id = id ?? Guid.NewGuid(),
        eventType,
        sourceDomain = "Tenure",
        sourceSystem = "TenureAPI",
        version = "v1",
        correlationId = correlationId ?? Guid.NewGuid(),
        dateTime = DateTime.UtcNow,
        user = new { name = "Housing Officer", email = "housing.officer@hackney.gov.uk" },
        entityId = tenureId,
        eventData = new { oldData = (object?)null, newData = new { } },
    });

    /// <summary>The search-listener fixture (eventData full of nulls, default dates) made into an event of <paramref name="eventType"/> about <paramref name="tenureId"/>.</summary>
    public static string WithNulls(string eventType, Guid tenureId)
    {
        var node = JsonNode.Parse(HackneyFixtures.Text(HackneyFixtures.EventDataWithNulls))!.AsObject();
        node["eventType"] = eventType;
        node["entityId"] = tenureId.ToString("D");
        node["id"] = Guid.NewGuid().ToString("D");
        return node.ToJsonString();
    }
}
