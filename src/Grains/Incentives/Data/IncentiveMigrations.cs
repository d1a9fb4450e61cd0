using Npgsql;
using OrleansSync.Grains.Incentives.Nomis;

namespace OrleansSync.Grains.Incentives.Data;

/// <summary>incentive_migration and incentive_migration_failure (IncentiveMigrations.sql).</summary>
internal static class IncentiveMigrations
{
    private const string File = nameof(IncentiveMigrations);

    public static Task InsertAsync(Db db, string migrationId, MigrationFilter filter, long? estimatedCount) =>
        db.ExecuteAsync(File, "Insert", migrationId, filter.FromDate, filter.ToDate, estimatedCount);

    public static Task<IncentiveMigration?> GetAsync(Db db, string migrationId) => db.SingleAsync(File, "Get", Read, migrationId);

    public static Task<string?> RunningAsync(Db db) => db.ScalarAsync<string>(File, "Running");

    public static Task<string?> LatestIdAsync(Db db) => db.ScalarAsync<string>(File, "LatestId");

    public static Task<List<IncentiveMigration>> HistoryAsync(Db db, MigrationHistoryQuery query) =>
        db.ListAsync(File, "History", Read, query.From?.ToUniversalTime(), query.To?.ToUniversalTime(), query.IncludeOnlyFailures);

    public static Task RecordStepAsync(Db db, string migrationId, int nextPage, int nextOffset, long estimatedCount, long skipped, bool completed) =>
        db.ExecuteAsync(File, "RecordStep", migrationId, nextPage, nextOffset, estimatedCount, skipped, completed);

    public static async Task<bool> CancelAsync(Db db, string migrationId) => await db.ExecuteAsync(File, "Cancel", migrationId) > 0;

    public static Task RecordFailuresAsync(Db db, string migrationId, IReadOnlyList<(NomisIncentiveId Key, string Reason)> failures) =>
        failures.Count == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(File, "RecordFailures", migrationId,
                failures.Select(f => f.Key.BookingId).ToArray(), failures.Select(f => f.Key.Sequence).ToArray(), failures.Select(f => f.Reason).ToArray());

    public static Task<List<IncentiveMigrationFailure>> FailuresAsync(Db db, string migrationId, int offset, int limit) =>
        db.ListAsync(File, "Failures", r => new IncentiveMigrationFailure(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3)), migrationId, offset, limit);

    private static IncentiveMigration Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        IncentiveMigration.TypeIncentives,
        r.GetString(1),
        new MigrationFilter(r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)),
        r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetInt64(6),
        r.GetInt64(7),
        r.GetInt64(8),
        r.GetInt64(9),
        r.GetInt32(10),
        r.GetInt32(11));
}
