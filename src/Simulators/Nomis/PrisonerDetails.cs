using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// nomis-prisoner-api PrisonerDetails (<c>GET /prisoners/{offenderNo}</c>): the latest booking, its location
/// (the prison's agency id) and whether it is active.
/// </summary>
public sealed record PrisonerDetails(
    [property: JsonPropertyName("offenderNo")] string OffenderNo,
    [property: JsonPropertyName("offenderId")] long OffenderId,
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("active")] bool Active);
