using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.Reconciliation;

/// <summary>
/// Compares the hub's reference data with NOMIS': every level with its IEP_LEVEL reference code, every prison level
/// the hub holds with IEP_LEVELS and VISIT_ALLOWANCE_LEVELS, and the other privileges (<see cref="OtherPrivilegeReconciliation"/>). A repair raises the entity's change event again, so its
/// own grain pushes it the usual way (in order with any other change, retried, dead-lettered). Runs on demand and on
/// the cron schedule ReferenceData:Reconciliation:Schedule (a reminder due at the next occurrence, re-timed at each tick,
/// as <see cref="IncentiveReconciliationsGrain"/> does; a scheduled run repairs when ReferenceData:Reconciliation:Repair is
/// set). Each report is persisted with its repair events in one unit of work, and the newest KeepReports are kept. A run
/// is one turn: the data is small and a run takes seconds.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class ReferenceDataReconciliationGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    IOptions<ReferenceDataReconciliationOptions> options,
    IOptions<ReminderOptions> reminderOptions,
    TimeProvider time,
    ILogger<ReferenceDataReconciliationGrain> logger,
    [PersistentState("schedule")] IPersistentState<ReconciliationScheduleState> schedule) : EntityGrain, IReferenceDataReconciliationGrain, IRemindable
{
    public const string GrainTypeName = "reference-data.reconciliation";

    public const string ReminderName = "scheduled-reconciliation";

    /// <summary>If re-timing the reminder ever fails, the tick comes back this often and tries again.</summary>
    private static readonly TimeSpan RetimePeriod = TimeSpan.FromHours(1);

    Task<ReferenceDataReconciliationReport?> IReferenceDataReconciliationGrain.GetLastAsync() =>
        Db.ReadAsync(database, ReferenceDataReconciliations.LatestAsync);

    Task<ReferenceDataReconciliationReport> IReferenceDataReconciliationGrain.RunAsync(bool repair) => RunAsync(repair, ReferenceDataReconciliationReport.OnDemand);

    async Task IReferenceDataReconciliationGrain.EnsureScheduledAsync()
    {
        var settings = options.Value;
        if (!settings.IsScheduled)
        {
            await this.UnregisterReminderIfAnyAsync(ReminderName);
            return;
        }

        var unchanged = schedule.State.Schedule == settings.Schedule && schedule.State.TimeZone == settings.TimeZone && schedule.State.NextRunAt is not null;
        await RetimeAsync(unchanged ? schedule.State.NextRunAt!.Value : NextOccurrence(time.GetUtcNow()));
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!options.Value.IsScheduled)
        {
            await this.UnregisterReminderIfAnyAsync(ReminderName);
            return;
        }

        var now = time.GetUtcNow();
        if (schedule.State.NextRunAt is { } due && due <= now)
        {
            await RunAsync(options.Value.Repair, ReferenceDataReconciliationReport.Scheduled);
        }

        await RetimeAsync(schedule.State.NextRunAt is { } next && next > now ? next : NextOccurrence(now));
    }

    private async Task<ReferenceDataReconciliationReport> RunAsync(bool repair, string trigger)
    {
        var (levels, rows, privileges) = await Db.ReadAsync(database, async db =>
        {
            var prisonLevels = await ReferenceDataRows.AllPrisonLevelsAsync(db);
            return (await ReferenceDataRows.AllLevelsAsync(db), prisonLevels, await OtherPrivilegeReconciliation.ReadHubAsync(db, prisonLevels));
        });
        var mismatches = new List<ReferenceDataMismatch>();
        var stale = new List<(string Namespace, string Key, string Payload)>();
        string? error = null;
        try
        {
            foreach (var level in levels)
            {
                var code = await nomis.GetReferenceCodeAsync(level.Code);
                if (code is null || code.Description != level.Name || code.Active != level.Active)
                {
                    mismatches.Add(new ReferenceDataMismatch($"level/{level.Code}", $"{level.Name}, active {level.Active}", code is null ? null : $"{code.Description}, active {code.Active}"));
                    stale.Add((ReferenceDataStreams.LevelEvents, level.Code, ReferenceDataEvents.Level(level.Code, time)));
                }
            }

            foreach (var row in rows)
            {
                var name = levels.FirstOrDefault(l => l.Code == row.LevelCode)?.Name ?? row.LevelCode;
                var request = NomisPrisonIncentiveLevelRequest.From(row.ToPrisonLevel(name), withCode: true);
                var held = await nomis.GetPrisonLevelAsync(row.PrisonId, row.LevelCode);
                if (held is null || !request.Matches(held))
                {
                    mismatches.Add(new ReferenceDataMismatch($"prison-level/{row.PrisonId}/{row.LevelCode}", Describe(request), held is null ? null : Describe(held)));
                    stale.Add((ReferenceDataStreams.PrisonLevelEvents, PrisonLevelKey.Of(row.PrisonId, row.LevelCode), ReferenceDataEvents.PrisonLevel(row.PrisonId, row.LevelCode, time)));
                }
            }

            await OtherPrivilegeReconciliation.CompareAsync(nomis, privileges, time, mismatches, stale);
        }
        catch (NomisApiException exception)
        {
            error = exception.Message;
        }

        var report = new ReferenceDataReconciliationReport(time.GetUtcNow(), levels.Count, rows.Count, mismatches.Count, repair ? stale.Count : 0, error, mismatches, trigger);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            if (repair)
            {
                foreach (var (streamNamespace, key, payload) in stale)
                {
                    unitOfWork.Publish(streamNamespace, key, $"reconciliation-repair/{key}/{Guid.NewGuid():N}", payload);
                }
            }

            await ReferenceDataReconciliations.InsertAsync(Db.Of(unitOfWork), report, options.Value.KeepReports);
            await unitOfWork.CommitAsync();
        }

        logger.LogInformation("{GrainType} {GrainKey}: {Trigger} reconciliation: {Levels} levels, {PrisonLevels} prison levels (with their other privileges) and {OtherPrivileges} other privileges compared with NOMIS; {Mismatches} mismatches, {Repaired} pushed again{Error}",
            GrainTypeName, EntityKey, trigger, levels.Count, rows.Count, privileges.Privileges.Count, mismatches.Count, report.Repaired, error is null ? "" : $"; stopped: {error}");
        foreach (var mismatch in mismatches)
        {
            logger.LogWarning("{GrainType} {GrainKey}: {Entity} differs: hub {Hub}, NOMIS {Nomis}", GrainTypeName, EntityKey, mismatch.Entity, mismatch.Hub, mismatch.Nomis ?? "(none)");
        }

        return report;
    }

    private async Task RetimeAsync(DateTimeOffset nextRunAt)
    {
        var settings = options.Value;
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        if (schedule.State.NextRunAt != nextRunAt || schedule.State.Schedule != settings.Schedule || schedule.State.TimeZone != settings.TimeZone)
        {
            schedule.State = new ReconciliationScheduleState { Schedule = settings.Schedule, TimeZone = settings.TimeZone, NextRunAt = nextRunAt };
            await schedule.WriteStateAsync();
            logger.LogInformation("{GrainType} {GrainKey}: next scheduled reconciliation at {NextRunAt} ({Schedule}, {TimeZone})",
                GrainTypeName, EntityKey, nextRunAt, settings.Schedule, settings.TimeZone);
        }

        await unitOfWork.CommitAsync();

        // After the commit: the reminder table is not part of the unit of work.
        var dueTime = nextRunAt - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(ReminderName, dueTime.AtLeastLead(reminderOptions.Value.MinimumReminderPeriod), RetimePeriod.AtLeastMinimum(reminderOptions.Value.MinimumReminderPeriod));
    }

    private DateTimeOffset NextOccurrence(DateTimeOffset after)
    {
        var settings = options.Value;
        return CronSchedule.Parse(settings.Schedule).Next(after, settings.Zone)
            ?? throw new InvalidOperationException($"The reference-data reconciliation schedule '{settings.Schedule}' never occurs.");
    }

    private static string Describe(NomisPrisonIncentiveLevelRequest r) =>
        $"active {r.Active}, default {r.DefaultOnAdmission}, VO {r.VisitOrderAllowance}, PVO {r.PrivilegedVisitOrderAllowance}, remand {r.RemandTransferLimitInPence}/{r.RemandSpendLimitInPence}, convicted {r.ConvictedTransferLimitInPence}/{r.ConvictedSpendLimitInPence}";

    private static string Describe(NomisPrisonIncentiveLevel n) =>
        $"active {n.Active}, default {n.DefaultOnAdmission}, VO {n.VisitOrderAllowance}, PVO {n.PrivilegedVisitOrderAllowance}, remand {n.RemandTransferLimitInPence}/{n.RemandSpendLimitInPence}, convicted {n.ConvictedTransferLimitInPence}/{n.ConvictedSpendLimitInPence}";
}
