namespace OrleansSync.Simulators.Tenure;

/// <summary>Whether a tenure was terminated, and why.</summary>
public sealed record TenureTerminated(bool IsTerminated, string? ReasonForTermination);
