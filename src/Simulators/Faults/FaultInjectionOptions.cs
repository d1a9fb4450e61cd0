namespace OrleansSync.Simulators.Faults;

/// <summary>
/// Latency and failure injection for a simulator's public (contract) endpoints. Admin endpoints are never
/// affected, so a test can always seed and inspect a simulator that is busy failing.
/// </summary>
public sealed class FaultInjectionOptions
{
    /// <summary>Fixed delay added before every request is served.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Extra random delay, uniform in [0, jitter), added on top of <see cref="Latency"/>.</summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.Zero;

    /// <summary>Probability (0..1) that a request fails with <see cref="FailureStatusCode"/> and a problem body.</summary>
    public double FailureRate { get; set; }

    /// <summary>Status returned by injected failures; 503 is what a gateway in front of a sick service answers.</summary>
    public int FailureStatusCode { get; set; } = StatusCodes.Status503ServiceUnavailable;

    /// <summary>Seed for the failure/jitter dice. Set it in tests that assert exact outcomes; null = unseeded.</summary>
    public int? Seed { get; set; }
}
