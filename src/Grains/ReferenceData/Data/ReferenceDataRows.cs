using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.ReferenceData.Data;

/// <summary>The named queries of the reference-data tables (Sql/IncentiveLevelRows.sql, PrisonIncentiveLevelRows.sql, ReferenceDataPushes.sql).</summary>
internal static class ReferenceDataRows
{
    private const string Levels = "IncentiveLevelRows";
    private const string PrisonLevels = "PrisonIncentiveLevelRows";
    private const string Pushes = "ReferenceDataPushes";

    public static Task LockAsync(Db db) => db.ExecuteAsync(Levels, "LockReferenceData");

    public static Task<List<LevelRow>> AllLevelsAsync(Db db) =>
        db.ListAsync(Levels, "All", r => new LevelRow(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3), r.GetInt32(4)));

    public static Task InsertLevelAsync(Db db, IncentiveLevel level) =>
        db.ExecuteAsync(Levels, "Insert", level.Code, level.Name, level.Active, level.Required);

    public static Task UpdateLevelAsync(Db db, IncentiveLevel level) =>
        db.ExecuteAsync(Levels, "Update", level.Code, level.Name, level.Active, level.Required);

    public static Task SetSequenceAsync(Db db, string code, int sequence) => db.ExecuteAsync(Levels, "SetSequence", code, sequence);

    public static async Task<Dictionary<string, LevelPolicy>> PoliciesAsync(Db db) =>
        (await db.ListAsync(Levels, "Policies", r => new LevelPolicy(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6))))
        .ToDictionary(p => p.LevelCode, StringComparer.Ordinal);

    public static async Task<Dictionary<string, PrisonLevelRow>> OfPrisonAsync(Db db, string prisonId) =>
        (await db.ListAsync(PrisonLevels, "OfPrison", ReadPrisonLevel, prisonId)).ToDictionary(r => r.LevelCode, StringComparer.Ordinal);

    public static Task<PrisonLevelRow?> PrisonLevelAsync(Db db, string prisonId, string levelCode) =>
        db.SingleAsync(PrisonLevels, "One", ReadPrisonLevel, prisonId, levelCode);

    public static Task<List<PrisonLevelRow>> AllPrisonLevelsAsync(Db db) => db.ListAsync(PrisonLevels, "All", ReadPrisonLevel);

    public static Task<List<string>> PrisonsWithActiveLevelsAsync(Db db) => db.ListAsync(PrisonLevels, "PrisonsWithActiveLevels", r => r.GetString(0));

    public static Task<List<string>> PrisonsWhereActiveAsync(Db db, string levelCode) => db.ListAsync(PrisonLevels, "PrisonsWhereActive", r => r.GetString(0), levelCode);

    public static Task UpsertPrisonLevelAsync(Db db, PrisonLevelRow row) =>
        db.ExecuteAsync(PrisonLevels, "Upsert", row.PrisonId, row.LevelCode, row.Active, row.DefaultOnAdmission, row.RemandTransferLimitInPence,
            row.RemandSpendLimitInPence, row.ConvictedTransferLimitInPence, row.ConvictedSpendLimitInPence, row.VisitOrders, row.PrivilegedVisitOrders);

    public static async Task<long> PrisonersOnLevelAsync(Db db, string prisonId, string levelCode) =>
        await db.ScalarAsync<long>(PrisonLevels, "PrisonersOnLevel", prisonId, levelCode);

    public static Task RecordPushAsync(Db db, string entity, string outcome, string pushedJson) =>
        db.ExecuteAsync(Pushes, "Record", entity, outcome, pushedJson);

    private static PrisonLevelRow ReadPrisonLevel(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3),
        r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9));
}
