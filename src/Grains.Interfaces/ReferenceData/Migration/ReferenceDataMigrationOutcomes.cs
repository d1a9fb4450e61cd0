namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>What became of one NOMIS row (reference_data_migration_item.outcome).</summary>
public static class ReferenceDataMigrationOutcomes
{
    public const string Migrated = "MIGRATED";
    public const string Unchanged = "UNCHANGED";
    public const string Skipped = "SKIPPED";
    public const string Failed = "FAILED";
}
