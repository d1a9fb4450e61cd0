using System.Text.Json;

namespace OrleansSync.Grains.Incentives;

/// <summary>Reading what every HMPPS event (offender or domain) carries.</summary>
public static class HmppsEvents
{
    /// <summary>The event's non-empty <c>eventType</c>, or null when it has none.</summary>
    public static string? EventTypeOf(JsonElement message) =>
        JsonFields.String(message, "eventType") is { Length: > 0 } eventType ? eventType : null;
}
