using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>One SNS message attribute as it appears in the notification JSON.</summary>
public sealed record SnsMessageAttribute(
    [property: JsonPropertyName("Type")] string Type,
    [property: JsonPropertyName("Value")] string Value);
