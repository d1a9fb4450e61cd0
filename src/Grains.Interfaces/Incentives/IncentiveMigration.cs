namespace OrleansSync.Grains.Incentives;

/// <summary>
/// One migration run (prisoner-from-nomis-migration MigrationHistory, migrationType INCENTIVES).
/// <see cref="MigrationId"/> is its start time (Europe/London, to the second), which also labels the
/// mappings it creates. Status: STARTED, COMPLETED or CANCELLED. Every NOMIS IEP the run reached is
/// counted once: migrated, skipped (already mapped before the run) or failed (listed with the reason).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveMigration(
    string MigrationId,
    string MigrationType,
    string Status,
    MigrationFilter Filter,
    DateTimeOffset WhenStarted,
    DateTimeOffset? WhenEnded,
    long? EstimatedRecordCount,
    long RecordsMigrated,
    long RecordsSkipped,
    long RecordsFailed,
    int NextPage,
    int NextOffset)
{
    public const string Started = "STARTED";
    public const string Completed = "COMPLETED";
    public const string Cancelled = "CANCELLED";
    public const string TypeIncentives = "INCENTIVES";
}
