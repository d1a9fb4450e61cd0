namespace OrleansSync.Grains.Incentives;

/// <summary>
/// What migrating one NOMIS IEP did: created a review (<see cref="Migrated"/>), or found the IEP already
/// mapped (<see cref="ExistingLabel"/> is the migration that mapped it, if any).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MigrateIncentiveResult(bool Migrated, long IncentiveId, string? ExistingMappingType, string? ExistingLabel);
