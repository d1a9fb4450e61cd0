using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// One reference-data migration run (key: migration id), as <see cref="Incentives.IncentiveMigrationGrain"/> runs the
/// incentives one: its reminder ticks every ReferenceData:Migration:TickInterval, and each tick takes steps until its
/// budget is spent: first the global levels and other-privilege codes (<see cref="LevelMigration"/>,
/// <see cref="OtherPrivilegeMigration"/>), then one prison at a time, its levels and then their sets of other privileges
/// (<see cref="PrisonLevelMigration"/>, <see cref="OtherPrivilegeMigration"/>). A step reads NOMIS, then commits its rows, its items and its checkpoint in one
/// unit of work, so a restart resumes at the first prison not done and no row is migrated twice. A step NOMIS fails is
/// tried again at the next tick; after ReferenceData:Migration:MaxAttempts its rows are listed as failed and the run goes
/// on. Migrated rows raise no change event: NOMIS already holds them, so there is nothing to push back.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class ReferenceDataMigrationGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    IOptions<ReferenceDataMigrationOptions> options,
    TimeProvider time,
    IOptions<ReminderOptions> reminderOptions,
    IHostApplicationLifetime lifetime,
    ILogger<ReferenceDataMigrationGrain> logger) : EntityGrain, IReferenceDataMigrationGrain, IRemindable
{
    public const string GrainTypeName = "reference-data.migration";

    public const string ReminderName = "migrate";

    private string MigrationId => EntityKey;

    private bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    async Task<ReferenceDataMigrationReport> IReferenceDataMigrationGrain.StartAsync(ReferenceDataMigrationRequest request)
    {
        var reminders = new ReminderChanges(this);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            await ReferenceDataMigrations.InsertAsync(Db.Of(unitOfWork), MigrationId, request);
            reminders.Register(ReminderName, TimeSpan.Zero.AtLeastLead(reminderOptions.Value.MinimumReminderPeriod),
                options.Value.TickInterval.AtLeastMinimum(reminderOptions.Value.MinimumReminderPeriod));
            await unitOfWork.CommitAsync();
        }

        await reminders.ApplyAsync();

        logger.LogInformation("{GrainType} {GrainKey}: reference-data migration started ({Prisons} prisons: {PrisonIds}; levels {LevelCodes})",
            GrainTypeName, MigrationId, request.PrisonIds.Count, string.Join(',', request.PrisonIds), string.Join(',', request.LevelCodes));
        return await Db.ReadAsync(database, async db => await ReferenceDataMigrations.ReportAsync(db, (await ReferenceDataMigrations.GetAsync(db, MigrationId))!, withItems: true));
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        var started = time.GetTimestamp();
        while (!Stopping && time.GetElapsedTime(started) < options.Value.StepBudget)
        {
            if (await ReadAsync() is not { Status: ReferenceDataMigrationReport.Started } run)
            {
                await this.UnregisterReminderIfAnyAsync(ReminderName);
                return;
            }

            if (!await StepAsync(run))
            {
                return;
            }
        }
    }

    /// <summary>One step; false when the tick should end (NOMIS failed, the silo stops, or the run completed).</summary>
    private async Task<bool> StepAsync(ReferenceDataMigrationRow run)
    {
        if (!run.LevelsDone)
        {
            return await LevelStepAsync(run);
        }

        var done = await Db.ReadAsync(database, db => ReferenceDataMigrations.DonePrisonsAsync(db, MigrationId));
        if (run.PrisonIds.FirstOrDefault(p => !done.Contains(p)) is { } prisonId)
        {
            return await PrisonStepAsync(run, prisonId);
        }

        await CompleteAsync();
        return false;
    }

    private async Task<bool> LevelStepAsync(ReferenceDataMigrationRow run)
    {
        Dictionary<string, NomisReferenceCode?> read;
        Dictionary<string, NomisReferenceCode?> privileges;
        try
        {
            read = await LevelMigration.ReadAsync(nomis, run.LevelCodes);
            privileges = await OtherPrivilegeMigration.ReadPrivilegesAsync(nomis, run.PrivilegeCodes);
        }
        catch (NomisApiException exception)
        {
            await FailedAsync(run, "the global levels", exception,
                run.LevelCodes.Select(c => ReferenceDataMigrationItemRow.Level(c, ReferenceDataMigrationOutcomes.Failed, exception.Message))
                    .Concat(run.PrivilegeCodes.Select(c => ReferenceDataMigrationItemRow.OtherPrivilege(c, ReferenceDataMigrationOutcomes.Failed, exception.Message))),
                db => ReferenceDataMigrations.LevelsDoneAsync(db, MigrationId));
            return false;
        }

        List<ReferenceDataMigrationItemRow> items;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            await ReferenceDataRows.LockAsync(db);
            items = await LevelMigration.WriteAsync(db, run.LevelCodes, read);
            items.AddRange(await OtherPrivilegeMigration.WritePrivilegesAsync(db, run.PrivilegeCodes, privileges));
            await ReferenceDataMigrations.RecordItemsAsync(db, MigrationId, items);
            await ReferenceDataMigrations.LevelsDoneAsync(db, MigrationId);
            await unitOfWork.CommitAsync();
        }

        logger.LogInformation("{GrainType} {GrainKey}: global levels migrated: {Outcomes}", GrainTypeName, MigrationId, Summary(items));
        return true;
    }

    private async Task<bool> PrisonStepAsync(ReferenceDataMigrationRow run, string prisonId)
    {
        Dictionary<string, NomisPrisonIncentiveLevel> read;
        Dictionary<string, IReadOnlyList<string>> privileges;
        try
        {
            read = await PrisonLevelMigration.ReadAsync(nomis, prisonId, run.LevelCodes);
            privileges = await OtherPrivilegeMigration.ReadPrisonAsync(nomis, prisonId, read.Keys);
        }
        catch (NomisApiException exception)
        {
            await FailedAsync(run, $"prison {prisonId}", exception,
                run.LevelCodes.Select(c => ReferenceDataMigrationItemRow.PrisonLevel(prisonId, c, ReferenceDataMigrationOutcomes.Failed, exception.Message)),
                db => ReferenceDataMigrations.PrisonDoneAsync(db, MigrationId, prisonId));
            return false;
        }

        List<ReferenceDataMigrationItemRow> items;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            await ReferenceDataRows.LockAsync(db);
            items = await PrisonLevelMigration.WriteAsync(db, prisonId, read);
            items.AddRange(await OtherPrivilegeMigration.WritePrisonAsync(db, prisonId, privileges));
            await ReferenceDataMigrations.RecordItemsAsync(db, MigrationId, items);
            await ReferenceDataMigrations.PrisonDoneAsync(db, MigrationId, prisonId);
            await unitOfWork.CommitAsync();
        }

        logger.LogInformation("{GrainType} {GrainKey}: prison {PrisonId} migrated: {Outcomes}", GrainTypeName, MigrationId, prisonId, items.Count == 0 ? "no levels in NOMIS" : Summary(items));
        return true;
    }

    /// <summary>Counts the failed attempt; after the last one, lists the step's rows as failed and checkpoints the step, so the run goes on.</summary>
    private async Task FailedAsync(ReferenceDataMigrationRow run, string step, NomisApiException exception, IEnumerable<ReferenceDataMigrationItemRow> failed, Func<Db, Task> checkpoint)
    {
        if (Stopping)
        {
            // Calls fail while the silo stops: that says nothing about NOMIS. The step is taken again when the run resumes.
            return;
        }

        bool gaveUp;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            var attempts = await ReferenceDataMigrations.StepFailedAsync(db, MigrationId, $"{step}: {exception.Message}");
            gaveUp = attempts >= options.Value.MaxAttempts;
            if (gaveUp)
            {
                await ReferenceDataMigrations.RecordItemsAsync(db, MigrationId, failed);
                await checkpoint(db);
            }

            await unitOfWork.CommitAsync();
        }

        logger.LogWarning("{GrainType} {GrainKey}: NOMIS failed while reading {Step}{Outcome}: {Error}", GrainTypeName, MigrationId, step,
            gaveUp ? $"; given up after {options.Value.MaxAttempts} attempts, its rows are listed as failed" : "; the next tick tries again", exception.Message);
    }

    private async Task CompleteAsync()
    {
        var reminders = new ReminderChanges(this);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            await ReferenceDataMigrations.CompleteAsync(Db.Of(unitOfWork), MigrationId);
            reminders.Unregister(ReminderName);
            await unitOfWork.CommitAsync();
        }

        await reminders.ApplyAsync();

        var report = await Db.ReadAsync(database, async db => await ReferenceDataMigrations.ReportAsync(db, (await ReferenceDataMigrations.GetAsync(db, MigrationId))!, withItems: false));
        logger.LogInformation("{GrainType} {GrainKey}: reference-data migration completed: levels {Levels}; prison levels {PrisonLevels}; other privileges {OtherPrivileges}; prison levels' other privileges {PrisonLevelOtherPrivileges}",
            GrainTypeName, MigrationId, Summary(report.Levels), Summary(report.PrisonLevels), Summary(report.OtherPrivileges), Summary(report.PrisonLevelOtherPrivileges));
    }

    private Task<ReferenceDataMigrationRow?> ReadAsync() => Db.ReadAsync(database, db => ReferenceDataMigrations.GetAsync(db, MigrationId));

    private static string Summary(ReferenceDataMigrationCounts c) => $"{c.Migrated} migrated, {c.Unchanged} unchanged, {c.Skipped} skipped, {c.Failed} failed";

    private static string Summary(IEnumerable<ReferenceDataMigrationItemRow> items) =>
        string.Join(", ", items.GroupBy(i => i.Outcome).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}"));
}
