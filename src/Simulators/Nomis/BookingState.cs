using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

public sealed record BookingState(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("prisonId")] string PrisonId,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("latest")] bool Latest,
    [property: JsonPropertyName("incentives")] IReadOnlyList<IncentiveResponse> Incentives);
