namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>What a step decided for one NOMIS row (a row of reference_data_migration_item); PrisonId null for a global level.</summary>
internal sealed record ReferenceDataMigrationItemRow(string Entity, string? PrisonId, string Outcome, string? Reason)
{
    /// <summary>The kinds of row, the first segment of <see cref="Entity"/> (what the report counts by).</summary>
    public const string LevelKind = "level";
    public const string PrisonLevelKind = "prison-level";
    public const string OtherPrivilegeKind = "other-privilege";
    public const string PrisonLevelOtherPrivilegesKind = "other-privileges";

    public static ReferenceDataMigrationItemRow Level(string code, string outcome, string? reason = null) => new($"level/{code}", null, outcome, reason);

    public static ReferenceDataMigrationItemRow PrisonLevel(string prisonId, string code, string outcome, string? reason = null) =>
        new($"prison-level/{PrisonLevelKey.Of(prisonId, code)}", prisonId, outcome, reason);

    public static ReferenceDataMigrationItemRow OtherPrivilege(string code, string outcome, string? reason = null) => new($"other-privilege/{code}", null, outcome, reason);

    /// <summary>The set of other privileges of one prison level (OTHER_PRIVILEGES_LEVELS), taken or skipped whole.</summary>
    public static ReferenceDataMigrationItemRow PrisonLevelOtherPrivileges(string prisonId, string code, string outcome, string? reason = null) =>
        new($"other-privileges/{PrisonLevelKey.Of(prisonId, code)}", prisonId, outcome, reason);
}
