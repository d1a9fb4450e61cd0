using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>One element of the migration id page: the NOMIS composite key of an IEP.</summary>
public sealed record IncentiveIdResponse(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("sequence")] long Sequence);
