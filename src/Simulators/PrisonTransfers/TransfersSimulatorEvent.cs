using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>A domain event the simulators raised, and how its delivery to the hub went.</summary>
public sealed record TransfersSimulatorEvent(
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("eventType")] string EventType,
    [property: JsonPropertyName("nomsNumber")] string NomsNumber,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error)
{
    public const string Delivered = "DELIVERED";
    public const string Failed = "FAILED";
    public const string Skipped = "SKIPPED";
}
