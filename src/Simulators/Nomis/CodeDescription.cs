using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>NOMIS reference code as returned inside responses: <c>{code, description}</c>.</summary>
public sealed record CodeDescription(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("description")] string Description);
