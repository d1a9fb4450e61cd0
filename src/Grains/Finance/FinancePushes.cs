using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Finance;

/// <summary>The named queries of finance_account_push (Sql/FinanceAccountPushes.sql).</summary>
internal static class FinancePushes
{
    public const string File = "FinanceAccountPushes";

    /// <summary>Waits until no other transaction pushes the tenure's account, and holds that until this one ends.</summary>
    public static Task LockAsync(Db db, Guid tenureId) => db.ExecuteAsync(File, "Lock", tenureId);

    public static async Task<long> PushedVersionAsync(Db db, Guid accountId) =>
        (await db.ListAsync(File, "Get", r => r.GetInt64(0), accountId)).FirstOrDefault();

    public static Task RecordPushedAsync(Db db, Guid accountId, long version, DateTimeOffset now) =>
        db.ExecuteAsync(File, "RecordPushed", accountId, version, now);

    public static Task RecordFailedAsync(Db db, Guid accountId, string error, DateTimeOffset now) =>
        db.ExecuteAsync(File, "RecordFailed", accountId, error, now);

    public static Task<List<Guid>> PendingTenuresAsync(Db db) => db.ListAsync(File, "Pending", r => r.GetGuid(0));
}
