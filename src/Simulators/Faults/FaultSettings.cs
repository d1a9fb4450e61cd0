using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Faults;

/// <summary>
/// Body of <c>PUT {prefix}/admin/faults</c> and of its response. Every member is optional on input: only
/// the ones present are changed. camelCase in both simulators because this is simulator control, not a
/// contract shape.
/// </summary>
public sealed record FaultSettings
{
    [JsonPropertyName("latencyMs")]
    public int? LatencyMs { get; init; }

    [JsonPropertyName("latencyJitterMs")]
    public int? LatencyJitterMs { get; init; }

    [JsonPropertyName("failureRate")]
    public double? FailureRate { get; init; }

    [JsonPropertyName("failureStatusCode")]
    public int? FailureStatusCode { get; init; }

    /// <summary>The next N public requests fail (deterministic alternative to <see cref="FailureRate"/>).</summary>
    [JsonPropertyName("failNext")]
    public int? FailNext { get; init; }

    /// <summary>Token-bucket rate limit; 0 turns it off.</summary>
    [JsonPropertyName("requestsPerSecond")]
    public int? RequestsPerSecond { get; init; }
}
