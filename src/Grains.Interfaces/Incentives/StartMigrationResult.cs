namespace OrleansSync.Grains.Incentives;

/// <summary>
/// The answer to starting a migration: the new run, or (<see cref="Started"/> false) the run already in
/// progress, since one runs at a time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StartMigrationResult(bool Started, IncentiveMigration Migration);
