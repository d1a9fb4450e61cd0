using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansSync.Grains.Finance.TenureApi;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// One tenure's finance account (key: tenure id). Each tenure event re-fetches the tenure from the tenure
/// API by entityId, passing the correlation id, rather than trusting eventData (Hackney's listeners do the
/// same), so an update that arrives before its create, or a replay, still leaves the account matching the
/// tenure as it is now. In one fenced unit of work: create the account (unique per tenure and account type)
/// or update the fields that changed, log the change, and raise AccountCreatedEvent / AccountUpdatedEvent
/// through the outbox. An update that changes nothing writes nothing. A tenure API that fails is the
/// stream's to retry with backoff, then dead-letter (replayable).
/// </summary>
[GrainType("finance.tenure_account")]
[ImplicitStreamSubscription(FinanceStreams.TenureEvents)]
public sealed class TenureAccountGrain(
    TenureApiClient tenureApi,
    NpgsqlDataSource dataSource,
    TimeProvider time,
    IOptions<FinanceOptions> options,
    ILogger<TenureAccountGrain> logger) : EntityGrain, ITenureAccountGrain, IStreamSubscriber
{
    /// <summary>account-api requires CreatedBy; the listener names itself.</summary>
    public const string Author = "OrleansSync finance listener";

    private Guid _tenureId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(EntityKey, out _tenureId) || _tenureId == Guid.Empty)
        {
            throw new ArgumentException($"{GrainType} key '{EntityKey}' is not a tenure id (a non-empty GUID).");
        }

        return base.OnActivateAsync(cancellationToken);
    }

    Task<FinanceAccount?> ITenureAccountGrain.GetAccountAsync() =>
        Db.ReadAsync(dataSource, db => FinanceAccounts.MasterOfAsync(db, _tenureId));

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        using var payload = JsonDocument.Parse(message.PayloadJson);
        if (!TenureEventEnvelope.TryParse(payload.RootElement, out var envelope, out var error) || !TenureEventTypes.Handled.Contains(envelope!.EventType))
        {
            // The gateway admits only handled, valid events; anything else here (a hand-made replay) is logged, not retried.
            logger.LogWarning("{GrainType} {GrainKey} ignores message {MessageId}: {Reason}", GrainType, EntityKey, message.MessageId, error ?? "not a tenure event the finance flow handles");
            return;
        }

        var tenure = await tenureApi.GetTenureAsync(_tenureId, envelope.CorrelationId)
            ?? throw new TenureApiException($"The tenure API has no tenure {_tenureId:D} (yet); {envelope.EventType} {message.MessageId} is retried.");
        if (await ApplyAsync(tenure, envelope.EventType, message.MessageId) is { } changed)
        {
            logger.LogInformation("{GrainType} {GrainKey} {Change} account {AccountId} (payment reference {PaymentReference}, version {Version}) on {EventType}",
                GrainType, EntityKey, changed.Version == 1 ? "created" : "updated", changed.Id, changed.PaymentReference, changed.Version, envelope.EventType);
            if (options.Value.WritesSpreadsheet)
            {
                await GrainFactory.GetGrain<IFinanceSpreadsheetGrain>(IFinanceSpreadsheetGrain.Key).AccountsChangedAsync();
            }
        }
    }

    /// <summary>Creates or updates the account from the tenure; null when nothing changed.</summary>
    private async Task<FinanceAccount?> ApplyAsync(TenureDocument tenure, string eventType, string messageId)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);
        var now = time.GetUtcNow();
        var values = AccountValues.FromTenure(tenure with { Id = _tenureId }, DateOnly.FromDateTime(now.UtcDateTime));
        var current = await FinanceAccounts.MasterOfAsync(db, _tenureId);
        FinanceAccount account;
        if (current is null)
        {
            if (values.PaymentReference is null)
            {
                values = values.WithPaymentReference(await FinanceAccounts.NextPaymentReferenceAsync(db));
            }

            account = new FinanceAccount(
                Guid.NewGuid(), values.PaymentReference!, AccountValues.TargetType, _tenureId, AccountValues.MasterAccount, values.RentGroupType,
                values.AgreementType, values.AccountStatus, values.StartDate, values.EndDate, 0m, 0m, values.Tenure, Author, Author, now, now, 1);
            await FinanceAccounts.InsertAsync(db, account);
            await FinanceAccounts.RecordChangeAsync(db, account, "Created", eventType, messageId, null, values.Fields());
        }
        else
        {
            values = values.WithPaymentReference(current.PaymentReference);
            var (oldValues, newValues) = AccountValues.Diff(AccountValues.Of(current), values);
            if (newValues.Count == 0)
            {
                return null;
            }

            account = current with
            {
                PaymentReference = values.PaymentReference!,
                RentGroupType = values.RentGroupType,
                AgreementType = values.AgreementType,
                AccountStatus = values.AccountStatus,
                StartDate = values.StartDate,
                EndDate = values.EndDate,
                Tenure = values.Tenure,
                LastUpdatedBy = Author,
                LastUpdatedAt = now,
                Version = current.Version + 1,
            };
            await FinanceAccounts.UpdateAsync(db, current, account);
            await FinanceAccounts.RecordChangeAsync(db, account, "Updated", eventType, messageId, oldValues, newValues);
        }

        unitOfWork.Publish(FinanceStreams.AccountEvents, EntityKey, AccountEvents.MessageId(account), AccountEvents.Create(account, current, now));
        await unitOfWork.CommitAsync();
        return account;
    }
}
