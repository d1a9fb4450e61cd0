namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// What became of the NOMIS rows read: migrated (written to the hub), unchanged (the hub already held them),
/// skipped (a rule of CONTRACTS.md §3.5 or of the hub refused them; the item says why) or failed (NOMIS kept
/// failing after every attempt).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataMigrationCounts(int Migrated, int Unchanged, int Skipped, int Failed);
