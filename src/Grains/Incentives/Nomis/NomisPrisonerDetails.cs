using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>nomis-prisoner-api <c>GET /prisoners/{offenderNo}</c> PrisonerDetails: the prisoner's latest booking and where they are.</summary>
public sealed record NomisPrisonerDetails(
    [property: JsonPropertyName("offenderNo")] string OffenderNo,
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("active")] bool Active);
