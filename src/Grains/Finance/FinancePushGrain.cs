using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansSync.Grains.Finance.InterimFinance;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// The push of one tenure's account to the interim finance solution (key: tenure id), phase 2 of the ADR.
/// It takes the account events of the outbox in order and sends the account's current version, recording
/// the version sent in the same unit of work as the event's consumption, so each version is sent once in
/// effect; the interim API is an upsert by payment reference that refuses older versions, so a repeat after
/// a crash is harmless. A failure is retried by the stream with backoff, then dead-lettered (replayable);
/// with the push switched off, events pass and the backfill sends what is pending when it is switched on.
/// </summary>
[GrainType("finance.account_push")]
[ImplicitStreamSubscription(FinanceStreams.AccountEvents)]
public sealed class FinancePushGrain(
    InterimFinanceClient interim,
    NpgsqlDataSource dataSource,
    IOptions<FinanceOptions> options,
    TimeProvider time,
    ILogger<FinancePushGrain> logger) : EntityGrain, IFinancePushGrain, IStreamSubscriber
{
    private Guid _tenureId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(EntityKey, out _tenureId))
        {
            throw new ArgumentException($"{GrainType} key '{EntityKey}' is not a tenure id.");
        }

        return base.OnActivateAsync(cancellationToken);
    }

    Task<PushOutcome> IFinancePushGrain.PushAsync(bool verify) => options.Value.Pushes ? PushCoreAsync(verify) : Task.FromResult(PushOutcome.Disabled);

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        if (options.Value.Pushes)
        {
            await PushCoreAsync(verify: false);
        }
    }

    private async Task<PushOutcome> PushCoreAsync(bool verify)
    {
        // One pusher per account at a time, across activations and silos, held over the interim call: two can meet
        // (on a silo that has just started, an account event left from the spreadsheet phase and the backlog push
        // reached the same account in two activations, and both sent it), and the second must find the version
        // pushed rather than send it again. The lock is the unit of work's, released by its commit or rollback.
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);
        await FinancePushes.LockAsync(db, _tenureId);
        var account = await FinanceAccounts.MasterOfAsync(db, _tenureId);
        if (account is null)
        {
            return PushOutcome.NoAccount;
        }

        if (!verify && await FinancePushes.PushedVersionAsync(db, account.Id) >= account.Version)
        {
            return PushOutcome.AlreadyPushed;
        }

        var outcome = await SendAsync(account, verify, unitOfWork);
        await FinancePushes.RecordPushedAsync(db, account.Id, account.Version, time.GetUtcNow());
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: account {PaymentReference} version {Version} {Outcome}", GrainType, EntityKey, account.PaymentReference, account.Version,
            outcome == PushOutcome.Pushed ? "pushed to the interim solution" : "already right in the interim solution");
        return outcome;
    }

    private async Task<PushOutcome> SendAsync(FinanceAccount account, bool verify, IUnitOfWork unitOfWork)
    {
        var wanted = InterimAccount.From(account);
        try
        {
            // A repair re-reads before it re-writes: an interim copy that is right already is only recorded.
            if (verify && await interim.GetAsync(account.PaymentReference) == wanted)
            {
                return PushOutcome.AlreadyPushed;
            }

            if (!await interim.UpsertAsync(wanted))
            {
                logger.LogWarning("{GrainType} {GrainKey}: the interim solution holds a newer version of {PaymentReference} than {Version}", GrainType, EntityKey, account.PaymentReference, account.Version);
            }

            return PushOutcome.Pushed;
        }
        catch (InterimFinanceException exception)
        {
            // Recorded outside the unit of work, rolled back first (which releases the lock): the failing delivery
            // must stay unconsumed so that the stream retries it.
            await unitOfWork.DisposeAsync();
            await Db.ReadAsync(dataSource, async db =>
            {
                await FinancePushes.RecordFailedAsync(db, account.Id, exception.Message, time.GetUtcNow());
                return 0;
            });
            throw;
        }
    }
}
