using System.Text.Json;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.ReferenceData.Reconciliation;

/// <summary>The named queries of Sql/ReferenceDataReconciliations.sql: persisted reports, the newest kept.</summary>
internal static class ReferenceDataReconciliations
{
    private const string File = "ReferenceDataReconciliations";

    public static async Task InsertAsync(Db db, ReferenceDataReconciliationReport report, int keep)
    {
        await db.ExecuteAsync(File, "Insert", report.Trigger, report.FinishedAt, report.LevelsChecked, report.PrisonLevelsChecked, report.MismatchCount, report.Repaired,
            report.Error, JsonSerializer.Serialize(report.Mismatches, JsonSerializerOptions.Web));
        await db.ExecuteAsync(File, "KeepLatest", keep);
    }

    public static Task<ReferenceDataReconciliationReport?> LatestAsync(Db db) => db.SingleAsync(File, "Latest", r => new ReferenceDataReconciliationReport(
        r.GetFieldValue<DateTimeOffset>(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6),
        JsonSerializer.Deserialize<List<ReferenceDataMismatch>>(r.GetString(7), JsonSerializerOptions.Web) ?? [], r.GetString(0)));
}
