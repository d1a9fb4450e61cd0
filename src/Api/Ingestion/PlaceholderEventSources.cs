using System.Text.Json;

namespace OrleansSync.Api.Ingestion;

/// <summary>
/// Sources the gateway answers before a domain handles them, so upstream systems can be pointed at
/// the hub early without their events being refused or lost: every event is recorded as skipped
/// (GET /events/skipped keeps the payload) and acknowledged. A domain that registers a source of the
/// same name replaces its placeholder.
/// </summary>
internal static class PlaceholderEventSources
{
    /// <summary>
    /// Hackney tenure events (TenureCreatedEvent, TenureUpdatedEvent, ...). PLACEHOLDER until the
    /// finance domain registers "tenure" with a real classification in its AddXxxApi.
    /// </summary>
    public static readonly EventSource Tenure = new("tenure", "tenure", e =>
        EventClassification.Skip(EventTypeOf(e), "No domain handles tenure events yet; the event is kept in the skipped-events table."));

    public static IReadOnlyList<EventSource> All { get; } = [Tenure];

    private static string EventTypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("eventType", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : "unknown";
}
