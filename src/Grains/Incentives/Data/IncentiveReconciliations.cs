using Npgsql;

namespace OrleansSync.Grains.Incentives.Data;

/// <summary>incentive_reconciliation and incentive_reconciliation_mismatch (IncentiveReconciliations.sql).</summary>
internal static class IncentiveReconciliations
{
    private const string File = nameof(IncentiveReconciliations);

    public static Task InsertAsync(Db db, string id, string trigger) => db.ExecuteAsync(File, "Insert", id, trigger);

    public static Task<ReconciliationRow?> GetAsync(Db db, string id) => db.SingleAsync(File, "Get", Read, id);

    public static Task<List<ReconciliationRow>> ListAsync(Db db, int limit) => db.ListAsync(File, "List", Read, limit);

    public static Task<List<IncentiveLevelMismatch>> MismatchesAsync(Db db, string id) =>
        db.ListAsync(File, "Mismatches", r => new IncentiveLevelMismatch(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)), id);

    public static Task RecordMismatchesAsync(Db db, string id, IReadOnlyList<IncentiveLevelMismatch> mismatches) =>
        mismatches.Count == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(File, "RecordMismatches", id,
                mismatches.Select(m => m.PrisonerNumber).ToArray(), mismatches.Select(m => m.BookingId).ToArray(),
                mismatches.Select(m => m.NomisIncentiveLevel).ToArray(), mismatches.Select(m => m.DpsIncentiveLevel).ToArray());

    public static Task RecordPageAsync(Db db, string id, int nextPage, int checkedCount, int errors, bool completed) =>
        db.ExecuteAsync(File, "RecordPage", id, nextPage, checkedCount, errors, completed);

    /// <summary>Returns the report's status after the failure (FAILED once too many pages in a row failed).</summary>
    public static Task<string?> RecordPageFailureAsync(Db db, string id, string detail, int maxConsecutiveFailures) =>
        db.ScalarAsync<string>(File, "RecordPageFailure", id, detail, maxConsecutiveFailures);

    private static ReconciliationRow Read(NpgsqlDataReader r) => new(
        new IncentiveReconciliationReport(
            r.GetString(0),
            r.GetString(1),
            r.GetString(2),
            r.GetFieldValue<DateTimeOffset>(3),
            r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
            r.GetInt32(5),
            r.GetInt32(6),
            r.GetInt32(7),
            r.IsDBNull(8) ? null : r.GetString(8),
            []),
        r.GetInt32(9));
}

/// <summary>A report without its mismatches, and where its next step starts.</summary>
internal sealed record ReconciliationRow(IncentiveReconciliationReport Report, int NextPage);
