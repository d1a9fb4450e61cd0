namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>What a step decided for one NOMIS row (a row of reference_data_migration_item); PrisonId null for a global level.</summary>
internal sealed record ReferenceDataMigrationItemRow(string Entity, string? PrisonId, string Outcome, string? Reason)
{
    public static ReferenceDataMigrationItemRow Level(string code, string outcome, string? reason = null) => new($"level/{code}", null, outcome, reason);

    public static ReferenceDataMigrationItemRow PrisonLevel(string prisonId, string code, string outcome, string? reason = null) =>
        new($"prison-level/{PrisonLevelKey.Of(prisonId, code)}", prisonId, outcome, reason);
}
