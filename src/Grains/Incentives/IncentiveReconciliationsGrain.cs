using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Reconciliation reports (key <see cref="IncentiveGrainKeys.Domain"/>): the scheduled run, on the cron
/// schedule Incentives:Reconciliation:Schedule, and runs on demand. The schedule is a reminder due at the
/// next cron occurrence and re-timed at each tick; a run missed while the cluster was down happens once
/// when it is back, as reminders do.
/// </summary>
[GrainType("incentives.reconciliations")]
public sealed class IncentiveReconciliationsGrain(
    NpgsqlDataSource database,
    IOptions<IncentivesOptions> options,
    TimeProvider time,
    ILogger<IncentiveReconciliationsGrain> logger,
    IOptions<ReminderOptions> reminderOptions,
    [PersistentState("schedule")] IPersistentState<ReconciliationScheduleState> schedule) : EntityGrain, IIncentiveReconciliationsGrain, IRemindable
{
    public const string ReminderName = "scheduled-reconciliation";

    /// <summary>If re-timing the reminder ever fails, the tick comes back this often and tries again.</summary>
    private static readonly TimeSpan RetimePeriod = TimeSpan.FromHours(1);

    async Task IIncentiveReconciliationsGrain.EnsureScheduledAsync()
    {
        var settings = options.Value.Reconciliation;
        if (!settings.IsScheduled)
        {
            await this.UnregisterReminderIfAnyAsync(ReminderName);
            return;
        }

        var unchanged = schedule.State.Schedule == settings.Schedule && schedule.State.TimeZone == settings.TimeZone && schedule.State.NextRunAt is not null;
        await RetimeAsync(unchanged ? schedule.State.NextRunAt!.Value : NextOccurrence(time.GetUtcNow()));
    }

    async Task<IncentiveReconciliationReport> IIncentiveReconciliationsGrain.StartAsync(string trigger) => await StartAsync(trigger);

    async Task<IReadOnlyList<IncentiveReconciliationReport>> IIncentiveReconciliationsGrain.ListAsync(int limit) =>
        [.. (await Db.ReadAsync(database, db => IncentiveReconciliations.ListAsync(db, limit))).Select(r => r.Report)];

    Task<IncentiveReconciliationReport?> IIncentiveReconciliationsGrain.GetAsync(string reportId) =>
        Db.ReadAsync(database, async db => await IncentiveReconciliations.GetAsync(db, reportId) is { } row
            ? row.Report with { Mismatches = await IncentiveReconciliations.MismatchesAsync(db, reportId) }
            : null);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!options.Value.Reconciliation.IsScheduled)
        {
            await this.UnregisterReminderIfAnyAsync(ReminderName);
            return;
        }

        var now = time.GetUtcNow();
        if (schedule.State.NextRunAt is { } due && due <= now)
        {
            await StartAsync(IncentiveReconciliationReport.Scheduled);
        }

        await RetimeAsync(schedule.State.NextRunAt is { } next && next > now ? next : NextOccurrence(now));
    }

    private async Task<IncentiveReconciliationReport> StartAsync(string trigger)
    {
        // Version 7: ids sort by creation time.
        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        return await GrainFactory.GetGrain<IIncentiveReconciliationGrain>(id).StartAsync(trigger);
    }

    private async Task RetimeAsync(DateTimeOffset nextRunAt)
    {
        var settings = options.Value.Reconciliation;
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        if (schedule.State.NextRunAt != nextRunAt || schedule.State.Schedule != settings.Schedule || schedule.State.TimeZone != settings.TimeZone)
        {
            schedule.State = new ReconciliationScheduleState { Schedule = settings.Schedule, TimeZone = settings.TimeZone, NextRunAt = nextRunAt };
            await schedule.WriteStateAsync();
            logger.LogInformation("{GrainType} {GrainKey}: next scheduled reconciliation at {NextRunAt} ({Schedule}, {TimeZone})",
                "incentives.reconciliations", EntityKey, nextRunAt, settings.Schedule, settings.TimeZone);
        }

        await unitOfWork.CommitAsync();

        // After the commit: the reminder table is not part of the unit of work.
        var dueTime = nextRunAt - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(ReminderName, dueTime.AtLeastLead(reminderOptions.Value.MinimumReminderPeriod), RetimePeriod.AtLeastMinimum(reminderOptions.Value.MinimumReminderPeriod));
    }

    private DateTimeOffset NextOccurrence(DateTimeOffset after)
    {
        var settings = options.Value.Reconciliation;
        return CronSchedule.Parse(settings.Schedule).Next(after, settings.Zone)
            ?? throw new InvalidOperationException($"The reconciliation schedule '{settings.Schedule}' never occurs.");
    }
}
