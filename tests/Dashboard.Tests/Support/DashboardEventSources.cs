using OrleansSync.Api.Ingestion;

namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>
/// Event sources registered only in the test host, each feeding a namespace whose one subscriber is a
/// subscriber grain (<see cref="SubscriberDeliveries"/>). Events are keyed by their "entity" field.
/// </summary>
public static class DashboardEventSources
{
    /// <summary>Delivered to /steady, which always accepts: its events move the delivery counters.</summary>
    public static readonly EventSource Steady = new("dashboard-steady", "dashboard-steady", Classify);

    /// <summary>Delivered to /flaky, which refuses until told otherwise: its events become dead letters.</summary>
    public static readonly EventSource Flaky = new("dashboard-flaky", "dashboard-flaky", Classify);

    private static EventClassification Classify(JsonElement e)
    {
        var type = e.TryGetProperty("eventType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "test.event";
        return e.TryGetProperty("entity", out var entity) && entity.ValueKind == JsonValueKind.String
            ? EventClassification.Route(type, entity.GetString()!)
            : EventClassification.Invalid(type, "'entity' is required.");
    }
}
