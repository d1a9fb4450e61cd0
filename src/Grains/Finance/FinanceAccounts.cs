using System.Text.Json;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Finance;

/// <summary>The named queries of finance_account and its change log (Sql/FinanceAccounts.sql, FinanceAccountChanges.sql).</summary>
internal static class FinanceAccounts
{
    public const string File = "FinanceAccounts";
    public const string ChangesFile = "FinanceAccountChanges";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<FinanceAccount?> MasterOfAsync(Db db, Guid tenureId) =>
        (await db.ListAsync(File, "ByTarget", Read, tenureId, AccountValues.MasterAccount)).FirstOrDefault();

    public static Task<List<FinanceAccount>> ByTargetAsync(Db db, Guid targetId, string? accountType) =>
        db.ListAsync(File, "ByTarget", Read, targetId, accountType);

    public static async Task<FinanceAccount?> ByIdAsync(Db db, Guid id) => (await db.ListAsync(File, "ById", Read, id)).FirstOrDefault();

    public static Task<List<FinanceAccount>> ByPaymentReferenceAsync(Db db, string paymentReference) =>
        db.ListAsync(File, "ByPaymentReference", Read, paymentReference);

    public static Task<List<FinanceAccount>> AllAsync(Db db) => db.ListAsync(File, "All", Read);

    public static async Task<string> NextPaymentReferenceAsync(Db db) =>
        await db.ScalarAsync<string>(File, "NextPaymentReference") ?? throw new InvalidOperationException("No payment reference was handed out.");

    public static Task InsertAsync(Db db, FinanceAccount account) =>
        db.ExecuteAsync(File, "Insert", account.Id, account.TargetId, account.AccountType, account.PaymentReference, account.RentGroupType,
            account.AgreementType, account.AccountStatus, account.StartDate, account.EndDate, JsonSerializer.Serialize(account.Tenure, Json),
            account.CreatedBy, account.CreatedAt);

    public static async Task UpdateAsync(Db db, FinanceAccount before, FinanceAccount after)
    {
        var rows = await db.ExecuteAsync(File, "Update", before.Id, before.Version, after.PaymentReference, after.RentGroupType, after.AgreementType,
            after.AccountStatus, after.StartDate, after.EndDate, JsonSerializer.Serialize(after.Tenure, Json), after.LastUpdatedBy, after.LastUpdatedAt);
        if (rows != 1)
        {
            throw new InvalidOperationException($"Account {before.Id} changed under its grain (version {before.Version} is no longer current).");
        }
    }

    public static Task RecordChangeAsync(Db db, FinanceAccount account, string change, string eventType, string messageId,
        IReadOnlyDictionary<string, string?>? oldValues, IReadOnlyDictionary<string, string?> newValues) =>
        db.ExecuteAsync(ChangesFile, "Insert", account.Id, account.LastUpdatedAt, change, eventType, messageId, account.Version,
            oldValues is null ? null : JsonSerializer.Serialize(oldValues, Json), JsonSerializer.Serialize(newValues, Json));

    private static FinanceAccount Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetGuid(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
        0m,
        0m,
        JsonSerializer.Deserialize<AccountTenure>(reader.GetString(10), Json)!,
        reader.GetString(11),
        reader.GetString(12),
        reader.GetFieldValue<DateTimeOffset>(13),
        reader.GetFieldValue<DateTimeOffset>(14),
        reader.GetInt64(15));
}
