using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>nomis-prisoner-api CreateIncentiveResponse (fixture nomis-create-incentive-response.json).</summary>
public sealed record CreateIncentiveResponse(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("sequence")] long Sequence);
