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
    // Hackney tenure events were the placeholder here until the finance domain registered "tenure" (src/Api/Finance/TenureEventSource.cs).
    public static IReadOnlyList<EventSource> All { get; } = [];

    private static string EventTypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("eventType", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : "unknown";
}
