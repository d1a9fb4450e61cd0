namespace OrleansSync.Simulators.Faults;

/// <summary>Per-request control headers, honoured on public endpoints only. Real clients never send them.</summary>
public static class SimulatorHeaders
{
    /// <summary><c>true</c> forces the configured failure status; a number (400-599) forces that status.</summary>
    public const string Fail = "X-Sim-Fail";

    /// <summary>Milliseconds of latency for this request, replacing the configured latency.</summary>
    public const string LatencyMs = "X-Sim-Latency-Ms";

    /// <summary>Set on every injected failure so a test can tell it from a real error.</summary>
    public const string Injected = "X-Sim-Injected";
}
