namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>One row of an application's append-only assignments: the prison, the POM allocated (or none), when.</summary>
[GenerateSerializer, Immutable]
public sealed record Cas2Assignment(string PrisonCode, string? AllocatedPomUserId, string? AllocatedPomName, DateTimeOffset CreatedAt);
