using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

public sealed record BulkSeedResponse(
    [property: JsonPropertyName("prisonerCount")] int PrisonerCount,
    [property: JsonPropertyName("incentiveCount")] int IncentiveCount,
    [property: JsonPropertyName("prisoners")] IReadOnlyList<SeededPrisoner> Prisoners);
