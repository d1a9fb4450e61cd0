namespace OrleansSync.Grains.Finance.TenureApi;

/// <summary>Whether the tenure was terminated.</summary>
public sealed record TenureTerminatedDocument(bool IsTerminated, string? ReasonForTermination);
