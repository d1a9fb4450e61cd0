namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>A row of reference_data_migration: the run and where it is.</summary>
internal sealed record ReferenceDataMigrationRow(
    string MigrationId,
    string Status,
    IReadOnlyList<string> LevelCodes,
    IReadOnlyList<string> PrisonIds,
    bool LevelsDone,
    int Attempts,
    string? LastError,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> PrivilegeCodes);
