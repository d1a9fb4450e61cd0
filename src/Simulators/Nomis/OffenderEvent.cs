using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// The NOMIS offender event carried in the SNS <c>Message</c> (fixture iep-upserted-offender-event.json; member
/// order as there). <see cref="BookingId"/> and <see cref="IepSeq"/> are strings like in the fixtures, or
/// numbers like the real GenericOffenderEvent when <see cref="NomisSimulatorOptions.NumericIdsInEvents"/> is set:
/// consumers must accept both.
/// </summary>
public sealed record OffenderEvent
{
    public const string IepUpserted = "IEP_UPSERTED";
    public const string IepDeleted = "IEP_DELETED";
    public const string IepNomisEventType = "OFFENDER_IEP_LEVEL-UPDATED";

    [JsonPropertyName("eventId")]
    public required string EventId { get; init; }

    [JsonPropertyName("eventType")]
    public required string EventType { get; init; }

    /// <summary>NOMIS local time (Europe/London), no zone, microseconds: "2019-10-21T15:00:25.489964".</summary>
    [JsonPropertyName("eventDatetime")]
    public required string EventDatetime { get; init; }

    [JsonPropertyName("offenderIdDisplay")]
    public required string OffenderIdDisplay { get; init; }

    [JsonPropertyName("agencyLocationId")]
    public required string AgencyLocationId { get; init; }

    [JsonPropertyName("bookingId")]
    public required object BookingId { get; init; }

    [JsonPropertyName("nomisEventType")]
    public required string NomisEventType { get; init; }

    [JsonPropertyName("iepSeq")]
    public required object IepSeq { get; init; }

    [JsonPropertyName("auditModuleName")]
    public required string AuditModuleName { get; init; }

    [JsonPropertyName("iepLevel")]
    public required string IepLevel { get; init; }
}
