using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>nomis-prisoner-api PrisonerIds: one element of <c>GET /prisoners/ids/active</c>.</summary>
public sealed record PrisonerIds(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("offenderNo")] string OffenderNo);
