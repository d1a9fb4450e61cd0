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
/// One migration run (key: migration id). Its reminder ticks every Incentives:Migration:TickInterval;
/// each tick is a step: read the next page of NOMIS IEP ids, skip those already mapped, fetch and migrate
/// the rest through their prisoners' grains (a few at once), and commit the cursor, the skipped count and
/// the failures together (the migrated and failed counts are read from the mappings and the failures). A record that fails is listed with its reason and the run goes on; a page NOMIS
/// will not list is read again at the next tick. The reminder and the committed cursor are all there is
/// to resume after a restart.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class IncentiveMigrationGrain(
    NpgsqlDataSource database,
    NomisPrisonerApiClient nomis,
    IncentivesMetrics metrics,
    IOptions<IncentivesOptions> options,
    TimeProvider time,
    IOptions<ReminderOptions> reminderOptions,
    IHostApplicationLifetime lifetime,
    ILogger<IncentiveMigrationGrain> logger) : EntityGrain, IIncentiveMigrationGrain, IRemindable
{
    public const string GrainTypeName = "incentives.migration";

    public const string ReminderName = "migrate";

    private const int MaxReasonLength = 500;

    private string MigrationId => EntityKey;

    async Task<IncentiveMigration> IIncentiveMigrationGrain.StartAsync(MigrationFilter filter, long? estimatedRecordCount)
    {
        var reminders = new ReminderChanges(this);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            await IncentiveMigrations.InsertAsync(Db.Of(unitOfWork), MigrationId, filter, estimatedRecordCount);
            reminders.Register(ReminderName, TimeSpan.Zero.AtLeastLead(reminderOptions.Value.MinimumReminderPeriod), options.Value.Migration.TickInterval.AtLeastMinimum(reminderOptions.Value.MinimumReminderPeriod));
            await unitOfWork.CommitAsync();
        }

        await reminders.ApplyAsync();

        logger.LogInformation("{GrainType} {GrainKey}: migration started (from {FromDate}, to {ToDate}, about {Estimated} IEPs)",
            GrainTypeName, MigrationId, filter.FromDate, filter.ToDate, estimatedRecordCount);
        return (await ReadAsync())!;
    }

    async Task<IncentiveMigration?> IIncentiveMigrationGrain.CancelAsync()
    {
        var reminders = new ReminderChanges(this);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            if (await IncentiveMigrations.CancelAsync(Db.Of(unitOfWork), MigrationId))
            {
                reminders.Unregister(ReminderName);
                logger.LogInformation("{GrainType} {GrainKey}: migration cancelled", GrainTypeName, MigrationId);
            }

            await unitOfWork.CommitAsync();
        }

        await reminders.ApplyAsync();

        return await ReadAsync();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (await ReadAsync() is not { Status: IncentiveMigration.Started } migration)
        {
            await this.UnregisterReminderIfAnyAsync(ReminderName);
            return;
        }

        await StepAsync(migration);
    }

    private async Task StepAsync(IncentiveMigration migration)
    {
        var settings = options.Value.Migration;
        var started = time.GetTimestamp();
        NomisPage<NomisIncentiveId> page;
        try
        {
            page = await nomis.GetIncentiveIdsAsync(migration.Filter.FromDate, migration.Filter.ToDate, migration.NextPage, settings.PageSize);
        }
        catch (NomisApiException exception)
        {
            logger.LogWarning("{GrainType} {GrainKey}: page {Page} of NOMIS IEP ids could not be read; the next tick tries again: {Error}",
                GrainTypeName, MigrationId, migration.NextPage, exception.Message);
            return;
        }

        var pending = page.Content.Skip(migration.NextOffset).ToList();
        var mapped = await Db.ReadAsync(database, db => IncentiveMappings.MappedAmongAsync(db, pending));
        var migrated = new ConcurrentBag<NomisIncentiveId>();
        var failures = new List<(NomisIncentiveId Key, string Reason)>();
        long skipped = 0;
        var offset = migration.NextOffset;
        var chunkSize = settings.Parallelism * 4;
        while (offset < page.Content.Count && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            var chunk = page.Content.Skip(offset).Take(chunkSize).ToList();
            var chunkFailures = new ConcurrentBag<(NomisIncentiveId Key, string Reason)>();
            // The loop's bodies run on the thread pool, outside this activation, where Grain.GrainFactory is not available.
            var grains = GrainFactory;
            await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism }, async (key, _) =>
            {
                if (mapped.TryGetValue((key.BookingId, key.Sequence), out var label))
                {
                    if (label == MigrationId)
                    {
                        migrated.Add(key);
                    }
                    else
                    {
                        Interlocked.Increment(ref skipped);
                    }

                    return;
                }

                try
                {
                    var incentive = await nomis.GetIncentiveAsync(key.BookingId, key.Sequence)
                        ?? throw new InvalidOperationException("NOMIS no longer has this IEP (deleted after it was listed).");
                    var result = await grains.GetGrain<IIncentivePrisonerGrain>(incentive.OffenderNo).MigrateAsync(MigrationId, incentive);
                    if (result.Migrated || result.ExistingLabel == MigrationId)
                    {
                        migrated.Add(key);
                    }
                    else
                    {
                        Interlocked.Increment(ref skipped);
                    }
                }
                catch (Exception exception)
                {
                    var reason = $"{exception.GetType().Name}: {exception.Message}";
                    chunkFailures.Add((key, reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength]));
                }
            });

            // Calls fail while the silo stops (the prisoners' partitions are handed back): those records are
            // not failures. The chunk is left for the run to take again once it resumes; what it migrated
            // is found mapped with this run's label then.
            if (!!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                break;
            }

            failures.AddRange(chunkFailures);
            offset += chunk.Count;
            if (time.GetElapsedTime(started) >= settings.StepBudget)
            {
                break;
            }
        }

        var pageDone = offset >= page.Content.Count;
        var completed = pageDone && page.Last;
        var reminders = new ReminderChanges(this);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            await IncentiveMigrations.RecordFailuresAsync(db, MigrationId, [.. failures]);
            await IncentiveMigrations.RecordStepAsync(db, MigrationId, pageDone ? migration.NextPage + 1 : migration.NextPage, pageDone ? 0 : offset,
                page.TotalElements, skipped, completed);
            if (completed)
            {
                reminders.Unregister(ReminderName);
            }

            await unitOfWork.CommitAsync();
        }

        await reminders.ApplyAsync();

        metrics.MigrationRecords("migrated", migrated.Count);
        metrics.MigrationRecords("skipped", skipped);
        metrics.MigrationRecords("failed", failures.Count);
        var progress = await ReadAsync();
        logger.Log(completed ? LogLevel.Information : LogLevel.Debug,
            "{GrainType} {GrainKey}: {Step} — {Migrated} migrated, {Skipped} skipped, {Failed} failed of about {Estimated}",
            GrainTypeName, MigrationId, completed ? "migration completed" : $"page {migration.NextPage} up to {offset}",
            progress?.RecordsMigrated, progress?.RecordsSkipped, progress?.RecordsFailed, progress?.EstimatedRecordCount);
    }

    private Task<IncentiveMigration?> ReadAsync() => Db.ReadAsync(database, db => IncentiveMigrations.GetAsync(db, MigrationId));
}
