using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Faults;

/// <summary>Counters since start (or the last reset), for assertions such as "the adapter retried twice".</summary>
public sealed record FaultStatistics(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("injectedFailures")] long InjectedFailures,
    [property: JsonPropertyName("rateLimited")] long RateLimited,
    [property: JsonPropertyName("settings")] FaultSettings Settings);
