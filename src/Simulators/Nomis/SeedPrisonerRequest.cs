using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// Body of <c>POST {prefix}/admin/prisoners</c>. A new booking id for an existing prisoner becomes the latest
/// (active) booking and the previous one is made inactive, as on a re-admission.
/// </summary>
public sealed record SeedPrisonerRequest
{
    [JsonPropertyName("prisonerNumber")]
    public required string PrisonerNumber { get; init; }

    [JsonPropertyName("bookingId")]
    public required long BookingId { get; init; }

    [JsonPropertyName("prisonId")]
    public required string PrisonId { get; init; }
}
