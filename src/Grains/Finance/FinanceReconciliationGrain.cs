using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansSync.Grains.Finance.InterimFinance;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// Compares every account with the interim finance solution (missing there, or different) and, with
/// repair, has each mismatching account's push grain re-read and re-send it. Run on demand and on one
/// reminder (Finance:ReconciliationInterval) while the push is on; also sends what is pending when the
/// push is switched on. One activation (key "finance"), so runs never overlap.
/// </summary>
[GrainType("finance.reconciliation")]
public sealed class FinanceReconciliationGrain(
    InterimFinanceClient interim,
    NpgsqlDataSource dataSource,
    IOptions<FinanceOptions> options,
    TimeProvider time,
    ILogger<FinanceReconciliationGrain> logger) : Grain, IFinanceReconciliationGrain, IRemindable
{
    public const string ReminderName = "finance-reconciliation";

    /// <summary>Enough to act on; the counts say how many there were in all.</summary>
    private const int MaxMismatchesListed = 100;

    /// <summary>Pushes at once: the interim API is one service, not a fleet.</summary>
    private const int Parallelism = 4;

    async Task<FinanceReconciliationReport> IFinanceReconciliationGrain.ReconcileAsync(string trigger, bool repair)
    {
        var started = time.GetUtcNow();
        var accounts = await Db.ReadAsync(dataSource, FinanceAccounts.AllAsync);
        var mismatches = new List<(FinanceAccount Account, string Reason)>();
        var errors = 0;
        try
        {
            var held = (await interim.ListAsync()).GroupBy(a => a.PaymentReference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var account in accounts)
            {
                if (!held.TryGetValue(account.PaymentReference, out var copy))
                {
                    mismatches.Add((account, $"{account.PaymentReference}: missing in the interim solution"));
                }
                else if (copy != InterimAccount.From(account))
                {
                    mismatches.Add((account, $"{account.PaymentReference}: different in the interim solution (version {copy.SourceVersion} there, {account.Version} here)"));
                }
            }
        }
        catch (InterimFinanceException exception)
        {
            errors++;
            logger.LogWarning("Finance reconciliation could not list the interim solution's accounts: {Error}", exception.Message);
        }

        var repaired = 0;
        if (repair && options.Value.Pushes)
        {
            var grains = GrainFactory;
            await Parallel.ForEachAsync(mismatches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (mismatch, _) =>
            {
                try
                {
                    if (await grains.GetGrain<IFinancePushGrain>(mismatch.Account.TargetId.ToString("D")).PushAsync(verify: true) == PushOutcome.Pushed)
                    {
                        Interlocked.Increment(ref repaired);
                    }
                }
                catch (InterimFinanceException)
                {
                    Interlocked.Increment(ref errors);
                }
            });
        }

        var missing = mismatches.Count(m => m.Reason.EndsWith("missing in the interim solution", StringComparison.Ordinal));
        var report = new FinanceReconciliationReport(trigger, started, time.GetUtcNow(), accounts.Count, missing, mismatches.Count - missing, repaired, errors,
            [.. mismatches.Take(MaxMismatchesListed).Select(m => m.Reason)]);
        await Db.ReadAsync(dataSource, db => db.ExecuteAsync("FinanceReconciliations", "Insert", report.Trigger, report.StartedAt, report.FinishedAt,
            report.AccountsChecked, report.Missing, report.Different, report.Repaired, report.Errors, JsonSerializer.Serialize(report.Mismatches)));
        logger.LogInformation("Finance reconciliation ({Trigger}): {Checked} accounts, {Missing} missing, {Different} different, {Repaired} repaired, {Errors} errors",
            trigger, report.AccountsChecked, report.Missing, report.Different, report.Repaired, report.Errors);
        return report;
    }

    Task<FinanceReconciliationReport?> IFinanceReconciliationGrain.GetLastAsync() =>
        Db.ReadAsync(dataSource, db => db.SingleAsync("FinanceReconciliations", "Latest", r => new FinanceReconciliationReport(
            r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
            r.GetInt32(6), r.GetInt32(7), JsonSerializer.Deserialize<List<string>>(r.GetString(8)) ?? [])));

    async Task<int> IFinanceReconciliationGrain.PushPendingAsync()
    {
        if (!options.Value.Pushes)
        {
            return 0;
        }

        var pending = await Db.ReadAsync(dataSource, FinancePushes.PendingTenuresAsync);
        var grains = GrainFactory;
        var pushed = 0;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (tenureId, _) =>
        {
            try
            {
                if (await grains.GetGrain<IFinancePushGrain>(tenureId.ToString("D")).PushAsync(verify: false) == PushOutcome.Pushed)
                {
                    Interlocked.Increment(ref pushed);
                }
            }
            catch (InterimFinanceException exception)
            {
                // Recorded on the account's push row; its next event, the next start or the reconciliation tries again.
                logger.LogWarning("Finance push of tenure {TenureId} failed: {Error}", tenureId, exception.Message);
            }
        });
        logger.LogInformation("Finance push: {Pushed} of {Pending} pending accounts sent to the interim solution", pushed, pending.Count);
        return pushed;
    }

    async Task IFinanceReconciliationGrain.EnsureScheduledAsync()
    {
        if (options.Value.Pushes && options.Value.ReconciliationInterval is { } interval)
        {
            await this.RegisterOrUpdateReminder(ReminderName, interval, interval);
        }
        else
        {
            await this.UnregisterReminderIfAnyAsync(ReminderName);
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await ((IFinanceReconciliationGrain)this).ReconcileAsync("schedule", repair: true);
        }
    }
}
