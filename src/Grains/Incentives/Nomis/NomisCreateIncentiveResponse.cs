using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>nomis-prisoner-api CreateIncentiveResponse (nomis-create-incentive-response.json): the new IEP's key.</summary>
public sealed record NomisCreateIncentiveResponse(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("sequence")] long Sequence);
