namespace OrleansSync.Simulators.Tenure;

/// <summary>One GET of a tenure and the status answered.</summary>
public sealed record TenureRequest(Guid TenureId, string? CorrelationId, int Status);
