using System.Text.Json;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// AccountCreatedEvent / AccountUpdatedEvent in the EntityEventSns envelope as account-api publishes them
/// (contracts §1): version v1, sourceDomain Accounts, sourceSystem AccountsAPI, a new id and correlation id
/// per event, entityId the account's id, newData the whole account, user empty (account-api comments its
/// name and email out).
/// </summary>
internal static class AccountEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The outbox message id: one event per account version, so a replayed unit of work never raises it twice.</summary>
    public static string MessageId(FinanceAccount account) => $"account/{account.Id:D}/v{account.Version}";

    public static string Create(FinanceAccount account, FinanceAccount? before, DateTimeOffset now) => JsonSerializer.Serialize(new
    {
        id = Guid.NewGuid(),
        eventType = before is null ? TenureEventTypes.AccountCreated : TenureEventTypes.AccountUpdated,
        sourceDomain = "Accounts",
        sourceSystem = "AccountsAPI",
        version = "v1",
        correlationId = Guid.NewGuid(),
        dateTime = now.UtcDateTime,
        user = new { name = (string?)null, email = (string?)null },
        entityId = account.Id,
        eventData = new { oldData = before, newData = account },
    }, Json);
}
