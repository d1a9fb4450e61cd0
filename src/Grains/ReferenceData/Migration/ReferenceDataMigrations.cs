using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>The named queries of Sql/ReferenceDataMigrations.sql, and the report they add up to.</summary>
internal static class ReferenceDataMigrations
{
    private const string File = "ReferenceDataMigrations";

    /// <summary>Skip and failure reasons are for people; NOMIS error bodies are cut to this.</summary>
    private const int MaxReasonLength = 500;

    public static Task InsertAsync(Db db, string migrationId, ReferenceDataMigrationRequest request) =>
        db.ExecuteAsync(File, "Insert", migrationId, request.LevelCodes.ToArray(), request.PrisonIds.ToArray(), request.PrivilegeCodes.ToArray());

    public static Task<ReferenceDataMigrationRow?> GetAsync(Db db, string migrationId) => db.SingleAsync(File, "Get", Read, migrationId);

    public static Task<string?> RunningAsync(Db db) => db.ScalarAsync<string>(File, "Running");

    public static Task<List<ReferenceDataMigrationRow>> ListAsync(Db db, int limit) => db.ListAsync(File, "List", Read, limit);

    public static async Task<HashSet<string>> DonePrisonsAsync(Db db, string migrationId) =>
        [.. await db.ListAsync(File, "DonePrisons", r => r.GetString(0), migrationId)];

    public static async Task RecordItemsAsync(Db db, string migrationId, IEnumerable<ReferenceDataMigrationItemRow> items)
    {
        foreach (var item in items)
        {
            await db.ExecuteAsync(File, "InsertItem", migrationId, item.Entity, item.PrisonId, item.Outcome,
                item.Reason is { Length: > MaxReasonLength } reason ? reason[..MaxReasonLength] : item.Reason);
        }
    }

    public static Task LevelsDoneAsync(Db db, string migrationId) => db.ExecuteAsync(File, "LevelsDone", migrationId);

    public static async Task PrisonDoneAsync(Db db, string migrationId, string prisonId)
    {
        await db.ExecuteAsync(File, "PrisonDone", migrationId, prisonId);
        await db.ExecuteAsync(File, "ResetAttempts", migrationId);
    }

    public static Task<int> StepFailedAsync(Db db, string migrationId, string error) =>
        db.ScalarAsync<int>(File, "StepFailed", migrationId, error.Length > MaxReasonLength ? error[..MaxReasonLength] : error);

    public static Task CompleteAsync(Db db, string migrationId) => db.ExecuteAsync(File, "Complete", migrationId);

    /// <summary>The run's report; with <paramref name="withItems"/> false, the skipped and failed rows are left out (lists).</summary>
    public static async Task<ReferenceDataMigrationReport> ReportAsync(Db db, ReferenceDataMigrationRow run, bool withItems)
    {
        var counts = await db.ListAsync(File, "Counts",
            r => (PrisonId: r.IsDBNull(0) ? null : r.GetString(0), Kind: r.GetString(1), Outcome: r.GetString(2), Count: r.GetInt32(3)), run.MigrationId);
        var done = await DonePrisonsAsync(db, run.MigrationId);
        var notMigrated = withItems
            ? await db.ListAsync(File, "NotMigrated", r => new ReferenceDataMigrationItem(r.GetString(0), r.GetString(1), r.GetString(2)), run.MigrationId)
            : [];
        ReferenceDataMigrationCounts Of(string kind, string? prisonId = null) =>
            CountsOf(counts.Where(c => c.Kind == kind && (prisonId is null || c.PrisonId == prisonId)).Select(c => (c.Outcome, c.Count)));
        var prisons = run.PrisonIds.Select(p => new ReferenceDataMigrationPrison(p, done.Contains(p), Of(ReferenceDataMigrationItemRow.PrisonLevelKind, p))).ToList();
        return new ReferenceDataMigrationReport(run.MigrationId, run.Status, run.StartedAt, run.EndedAt, run.LevelCodes,
            Of(ReferenceDataMigrationItemRow.LevelKind), prisons, Of(ReferenceDataMigrationItemRow.PrisonLevelKind), run.LastError, notMigrated,
            run.PrivilegeCodes, Of(ReferenceDataMigrationItemRow.OtherPrivilegeKind), Of(ReferenceDataMigrationItemRow.PrisonLevelOtherPrivilegesKind));
    }

    private static ReferenceDataMigrationCounts CountsOf(IEnumerable<(string Outcome, int Count)> counts)
    {
        var byOutcome = counts.GroupBy(c => c.Outcome).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return new ReferenceDataMigrationCounts(byOutcome.GetValueOrDefault(ReferenceDataMigrationOutcomes.Migrated), byOutcome.GetValueOrDefault(ReferenceDataMigrationOutcomes.Unchanged),
            byOutcome.GetValueOrDefault(ReferenceDataMigrationOutcomes.Skipped), byOutcome.GetValueOrDefault(ReferenceDataMigrationOutcomes.Failed));
    }

    private static ReferenceDataMigrationRow Read(Npgsql.NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetFieldValue<string[]>(3),
        r.GetBoolean(4), r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        r.GetFieldValue<string[]>(9));
}
