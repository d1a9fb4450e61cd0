using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>What the POM service answers for <c>GET /allocation/{nomsNumber}/primary_pom</c> (pom-allocation-detail-response.json, with the POM's name).</summary>
public sealed record SimulatedAllocation(
    [property: JsonPropertyName("manager")] SimulatedManager Manager,
    [property: JsonPropertyName("prison")] SimulatedPrison Prison);

public sealed record SimulatedManager(
    [property: JsonPropertyName("code")] long Code,
    [property: JsonPropertyName("forename")] string? Forename,
    [property: JsonPropertyName("surname")] string? Surname);

public sealed record SimulatedPrison([property: JsonPropertyName("code")] string Code);
