using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>What prisoner search answers for <c>GET /prisoner/{nomsNumber}</c> (the fields CAS2 reads, plus the number).</summary>
public sealed record SimulatedPrisoner(
    [property: JsonPropertyName("prisonerNumber")] string PrisonerNumber,
    [property: JsonPropertyName("prisonId")] string PrisonId,
    [property: JsonPropertyName("prisonName")] string PrisonName);
