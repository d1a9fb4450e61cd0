using System.Data;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Finance.Spreadsheet;

/// <summary>Reads the accounts and the change log in one repeatable-read transaction: one snapshot, so no change is in one sheet and not the other.</summary>
internal static class WorkbookSnapshots
{
    public static async Task<long> LatestChangeIdAsync(NpgsqlDataSource dataSource) =>
        await Db.ReadAsync(dataSource, db => db.ScalarAsync<long>(FinanceAccounts.ChangesFile, "LatestId"));

    public static async Task<WorkbookSnapshot> ReadAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        var db = new Db(connection, transaction);
        var upTo = await db.ScalarAsync<long>(FinanceAccounts.ChangesFile, "LatestId");
        var accounts = await FinanceAccounts.AllAsync(db);
        var changes = await db.ListAsync(FinanceAccounts.ChangesFile, "UpTo", r => new AccountChangeRow(
            r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetGuid(5), r.GetString(6),
            r.GetGuid(7), r.GetInt64(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetString(10)), upTo);
        await transaction.CommitAsync();
        return new WorkbookSnapshot(accounts, changes, upTo);
    }
}
