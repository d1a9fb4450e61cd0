using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

public sealed record SeededPrisoner(
    [property: JsonPropertyName("prisonerNumber")] string PrisonerNumber,
    [property: JsonPropertyName("bookingId")] long BookingId);
