using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// One reconciliation report (key: report id), as prisoner-to-nomis-update's incentives reconciliation:
/// each reminder tick reads a page of NOMIS' active prisoners, compares each one's current NOMIS IEP level
/// with the current DPS review of the same booking, and commits the mismatches found with the page. Each
/// mismatch is logged and counted (incentives.reconciliation.mismatches); a prisoner NOMIS cannot answer
/// for is counted as an error and the report goes on.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class IncentiveReconciliationGrain(
    NpgsqlDataSource database,
    NomisPrisonerApiClient nomis,
    IncentivesMetrics metrics,
    IOptions<IncentivesOptions> options,
    IOptions<ReminderOptions> reminderOptions,
    IHostApplicationLifetime lifetime,
    ILogger<IncentiveReconciliationGrain> logger) : EntityGrain, IIncentiveReconciliationGrain, IRemindable
{
    public const string GrainTypeName = "incentives.reconciliation";

    public const string ReminderName = "reconcile";

    private string ReportId => EntityKey;

    async Task<IncentiveReconciliationReport> IIncentiveReconciliationGrain.StartAsync(string trigger)
    {
        var reminders = new ReminderChanges(this);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            await IncentiveReconciliations.InsertAsync(Db.Of(unitOfWork), ReportId, trigger);
            reminders.Register(ReminderName, TimeSpan.Zero.AtLeastLead(reminderOptions.Value.MinimumReminderPeriod), options.Value.Reconciliation.TickInterval.AtLeastMinimum(reminderOptions.Value.MinimumReminderPeriod));
            await unitOfWork.CommitAsync();
        }

        await reminders.ApplyAsync();

        logger.LogInformation("{GrainType} {GrainKey}: reconciliation requested ({Trigger})", GrainTypeName, ReportId, trigger);
        return (await Db.ReadAsync(database, db => IncentiveReconciliations.GetAsync(db, ReportId)))!.Report;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (await Db.ReadAsync(database, db => IncentiveReconciliations.GetAsync(db, ReportId)) is not { Report.Status: IncentiveReconciliationReport.Running } row)
        {
            await this.UnregisterReminderIfAnyAsync(ReminderName);
            return;
        }

        await StepAsync(row.NextPage);
    }

    private async Task StepAsync(int pageNumber)
    {
        var settings = options.Value.Reconciliation;
        NomisPage<NomisPrisonerIds> page;
        try
        {
            page = await nomis.GetActivePrisonersAsync(pageNumber, settings.PageSize);
        }
        catch (NomisApiException exception)
        {
            string? status;
            var onFailure = new ReminderChanges(this);
            await using (var unitOfWork = await BeginUnitOfWorkAsync())
            {
                status = await IncentiveReconciliations.RecordPageFailureAsync(Db.Of(unitOfWork), ReportId, $"Page {pageNumber} of active prisoners: {exception.Message}", settings.MaxConsecutivePageFailures);
                if (status == IncentiveReconciliationReport.Failed)
                {
                    onFailure.Unregister(ReminderName);
                }

                await unitOfWork.CommitAsync();
            }

            await onFailure.ApplyAsync();

            logger.LogWarning("{GrainType} {GrainKey}: page {Page} of active prisoners could not be read ({Status}): {Error}", GrainTypeName, ReportId, pageNumber, status, exception.Message);
            return;
        }

        var nomisLevels = new ConcurrentDictionary<long, string?>();
        var errors = 0;
        await Parallel.ForEachAsync(page.Content, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism }, async (prisoner, _) =>
        {
            try
            {
                nomisLevels[prisoner.BookingId] = (await nomis.GetCurrentIncentiveAsync(prisoner.BookingId))?.IepLevel.Code;
            }
            catch (NomisApiException exception)
            {
                Interlocked.Increment(ref errors);
                logger.LogWarning("{GrainType} {GrainKey}: prisoner {PrisonerNumber} booking {BookingId} could not be compared: {Error}", GrainTypeName, ReportId, prisoner.OffenderNo, prisoner.BookingId, exception.Message);
            }
        });

        if (!!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopping: errors now say nothing about NOMIS. The page is compared again when the report resumes.
            return;
        }

        var dpsLevels = await Db.ReadAsync(database, db => IncentiveReviews.CurrentLevelsAsync(db, [.. nomisLevels.Keys]));
        var mismatches = page.Content
            .Where(p => nomisLevels.TryGetValue(p.BookingId, out var level) && level != dpsLevels.GetValueOrDefault(p.BookingId))
            .Select(p => new IncentiveLevelMismatch(p.OffenderNo, p.BookingId, nomisLevels[p.BookingId], dpsLevels.GetValueOrDefault(p.BookingId)))
            .ToList();
        var completed = page.Last;
        var reminders = new ReminderChanges(this);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            await IncentiveReconciliations.RecordMismatchesAsync(db, ReportId, mismatches);
            await IncentiveReconciliations.RecordPageAsync(db, ReportId, pageNumber + 1, nomisLevels.Count, errors, completed);
            if (completed)
            {
                reminders.Unregister(ReminderName);
            }

            await unitOfWork.CommitAsync();
        }

        await reminders.ApplyAsync();

        metrics.Mismatches(mismatches.Count);
        foreach (var mismatch in mismatches)
        {
            logger.LogWarning("{GrainType} {GrainKey}: incentive level mismatch for prisoner {PrisonerNumber} booking {BookingId}: NOMIS {NomisLevel}, DPS {DpsLevel}",
                GrainTypeName, ReportId, mismatch.PrisonerNumber, mismatch.BookingId, mismatch.NomisIncentiveLevel ?? "(none)", mismatch.DpsIncentiveLevel ?? "(none)");
        }

        if (completed && await Db.ReadAsync(database, db => IncentiveReconciliations.GetAsync(db, ReportId)) is { } done)
        {
            logger.LogInformation("{GrainType} {GrainKey}: reconciliation completed: {Checked} prisoners compared, {Mismatches} mismatches, {Errors} errors",
                GrainTypeName, ReportId, done.Report.PrisonersChecked, done.Report.MismatchCount, done.Report.ErrorCount);
        }
    }
}
