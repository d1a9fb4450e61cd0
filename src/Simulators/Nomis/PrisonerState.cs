using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>Response of <c>GET {prefix}/admin/prisoners/{prisonerNumber}</c>: everything NOMIS holds for the prisoner.</summary>
public sealed record PrisonerState(
    [property: JsonPropertyName("prisonerNumber")] string PrisonerNumber,
    [property: JsonPropertyName("bookings")] IReadOnlyList<BookingState> Bookings);
