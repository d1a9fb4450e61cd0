using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>An offender event the simulator emitted, with its delivery state (admin view).</summary>
public sealed record EmittedEvent
{
    [JsonPropertyName("eventId")]
    public required string EventId { get; init; }

    [JsonPropertyName("eventType")]
    public required string EventType { get; init; }

    [JsonPropertyName("offenderNo")]
    public required string OffenderNo { get; init; }

    [JsonPropertyName("bookingId")]
    public required long BookingId { get; init; }

    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    [JsonPropertyName("auditModuleName")]
    public required string AuditModuleName { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("attempts")]
    public required int Attempts { get; init; }

    [JsonPropertyName("lastError")]
    public string? LastError { get; init; }

    [JsonPropertyName("envelope")]
    public required SnsNotification Envelope { get; init; }
}
