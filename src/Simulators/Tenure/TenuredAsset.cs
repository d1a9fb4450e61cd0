namespace OrleansSync.Simulators.Tenure;

/// <summary>The property of a tenure (Hackney.Shared.Tenure TenuredAsset).</summary>
public sealed record TenuredAsset(Guid Id, string? Type, string? FullAddress, string? Uprn, string? PropertyReference);
