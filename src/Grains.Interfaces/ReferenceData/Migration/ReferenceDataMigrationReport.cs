namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// A reference-data migration run (status STARTED or COMPLETED) and its report: counts for the global levels and
/// per prison (prison levels), for the other-privilege codes and the prison levels' sets of other privileges, and every
/// row skipped or failed with the reason (<see cref="NotMigrated"/> is empty in lists).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataMigrationReport(
    string MigrationId,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> LevelCodes,
    ReferenceDataMigrationCounts Levels,
    IReadOnlyList<ReferenceDataMigrationPrison> Prisons,
    ReferenceDataMigrationCounts PrisonLevels,
    string? LastError,
    IReadOnlyList<ReferenceDataMigrationItem> NotMigrated,
    IReadOnlyList<string> PrivilegeCodes,
    ReferenceDataMigrationCounts OtherPrivileges,
    ReferenceDataMigrationCounts PrisonLevelOtherPrivileges)
{
    public const string Started = "STARTED";
    public const string Completed = "COMPLETED";
}
