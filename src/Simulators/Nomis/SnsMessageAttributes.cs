using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>The attributes the offender-event fixtures carry, in their order.</summary>
public sealed record SnsMessageAttributes(
    [property: JsonPropertyName("eventType")] SnsMessageAttribute EventType,
    [property: JsonPropertyName("id")] SnsMessageAttribute Id,
    [property: JsonPropertyName("contentType")] SnsMessageAttribute ContentType,
    [property: JsonPropertyName("timestamp")] SnsMessageAttribute Timestamp);
