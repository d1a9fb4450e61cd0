namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>A NOMIS row a run did not migrate: <c>level/{code}</c>, <c>prison-level/{prisonId}/{code}</c>, <c>other-privilege/{code}</c> or <c>other-privileges/{prisonId}/{code}</c>, SKIPPED or FAILED, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataMigrationItem(string Entity, string Outcome, string Reason);
