using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// One accounting point (key: GSRN). Every sync runs as one of this grain's turns, so syncs of one point
/// never overlap, whatever triggered them. A sync: take a limiter slot; commit last_sync_start on its own
/// (so a sync lost with its silo is found as dead); fetch from the adapter from valid_from (earliest unit
/// start, Oslo midnight); validate; then, in one fenced transaction, record parties new to the hub, mirror the
/// timeline (<see cref="TimelineMerge"/>) and finish the bookkeeping. Any failure records the attempt and
/// its reason and, for tracked points and for announced changes (events), schedules a retry with backoff;
/// nothing of the data is half-written.
/// No reminders of its own (one per point does not scale: dotnet/orleans#947): its due times live in
/// accounting_point_sync, next_resync_at (periodic, tracked points, a stable slot per GSRN) and
/// next_sync_at (one-off: events, retries, dead-sync recovery; the earliest request wins, so bursts
/// coalesce), and its resync shard (<see cref="AccountingPointResyncShardGrain"/>) calls
/// <see cref="IAccountingPointGrain.SyncDueAsync"/> once one is due.
/// </summary>
[GrainType("accounting_points.accounting_point")]
[ImplicitStreamSubscription(DatahubChangeEvents.StreamNamespace)]
public sealed class AccountingPointGrain(
    DatahubAdapterClient adapter,
    SyncLimiter limiter,
    AccountingPointsMetrics metrics,
    IOptions<AccountingPointsOptions> options,
    NpgsqlDataSource dataSource,
    TimeProvider time,
    ILogger<AccountingPointGrain> logger) : EntityGrain, IAccountingPointGrain, IRemindable, IStreamSubscriber
{
    /// <summary>The per-point reminders of the previous version, unregistered wherever they are still found.</summary>
    public static readonly IReadOnlyList<string> LegacyReminders = ["resync", "sync-soon"];

    private const int MaxErrorLength = 1000;

    private readonly AccountingPointsOptions _options = options.Value;
    private AccountingPointRepository _repository = null!;

    private string PointGsrn => EntityKey;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Gsrn.Validate(EntityKey) is { } error)
        {
            throw new ArgumentException($"{GrainType} key '{EntityKey}' is not a GSRN: {error}.");
        }

        _repository = new AccountingPointRepository(dataSource, _options, EntityKey);
        await base.OnActivateAsync(cancellationToken);

        // A database migrated from the previous version still holds this point's own reminders; the
        // shards took their work over (migration 0003 set the due times), so they must stop firing.
        foreach (var legacy in LegacyReminders)
        {
            await this.UnregisterReminderIfAnyAsync(legacy);
        }
    }

    Task<AccountingPointSyncResult> IAccountingPointGrain.SyncAsync(SyncTrigger trigger) => SyncCoreAsync(trigger);

    async Task<DateTimeOffset?> IAccountingPointGrain.RequestSyncAsync(SyncTrigger trigger)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var delay = trigger == SyncTrigger.Event ? _options.EventCoalesceWindow : TimeSpan.Zero;
        var due = await ScheduleAsync(unitOfWork, trigger, delay, time.GetUtcNow());
        await unitOfWork.CommitAsync();
        return due;
    }

    async Task<AccountingPointLookup> IAccountingPointGrain.LookupAsync()
    {
        if (await _repository.ReadDetailsAsync() is { } held)
        {
            return new AccountingPointLookup(held, null);
        }

        var fetch = await SyncCoreAsync(SyncTrigger.Lookup);
        var point = fetch.Outcome == SyncOutcome.Synced ? await _repository.ReadDetailsAsync() : null;
        return new AccountingPointLookup(point, fetch);
    }

    Task<AccountingPointDetails?> IAccountingPointGrain.GetAsync() => _repository.ReadDetailsAsync();

    Task<AccountingPointHistory?> IAccountingPointGrain.GetHistoryAsync() => _repository.ReadHistoryAsync();

    async Task<TrackingResult> IAccountingPointGrain.ControllableUnitsChangedAsync(bool syncNow)
    {
        var (earliestStart, units) = await _repository.ReadUnitsAsync();
        var row = await _repository.ReadSyncAsync();
        var tracked = units > 0;
        var period = _options.ResyncPeriod;
        var trackingChanged = row is null
            ? tracked
            : row.Status.Tracked != tracked || (tracked && row.ResyncPeriod != period);
        if (trackingChanged)
        {
            await using var unitOfWork = await BeginUnitOfWorkAsync();
            var now = time.GetUtcNow();
            await _repository.SetTrackedAsync(unitOfWork, tracked, tracked ? period : null, tracked ? now + NextResync(now) : null);
            await unitOfWork.CommitAsync();
            logger.LogInformation(
                "{GrainType} {GrainKey} is {Tracking} ({Units} controllable units)",
                GrainType, PointGsrn, tracked ? "tracked: resynced every " + period : "no longer tracked", units);
        }

        AccountingPointSyncResult? fetch = null;
        if (tracked && earliestStart is { } start)
        {
            // Never fetched, or a unit now starts before the data held: fetch from the new valid_from.
            var validFrom = OsloTime.Midnight(start);
            if (row?.Status.LastSyncedAt is null || row.Status.ValidFrom is not { } heldFrom || validFrom < heldFrom)
            {
                if (syncNow)
                {
                    fetch = await SyncCoreAsync(SyncTrigger.ControllableUnit);
                }
                else
                {
                    await using var unitOfWork = await BeginUnitOfWorkAsync();
                    await ScheduleAsync(unitOfWork, SyncTrigger.ControllableUnit, TimeSpan.Zero, time.GetUtcNow());
                    await unitOfWork.CommitAsync();
                }
            }
        }

        return new TrackingResult((await _repository.ReadSyncAsync())?.Status, fetch);
    }

    async Task<bool> IAccountingPointGrain.RecoverDeadSyncAsync()
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        if (await _repository.RecordDeadSyncAsync(unitOfWork) is not { } dead)
        {
            return false;
        }

        await ScheduleAsync(unitOfWork, SyncTrigger.DeadSyncRecovery, TimeSpan.Zero, time.GetUtcNow());
        await unitOfWork.CommitAsync();
        logger.LogWarning(
            "{GrainType} {GrainKey} dead sync: started at {StartedAt:O} and never finished; counted as attempt {Attempts}, retrying now",
            GrainType, PointGsrn, dead.Started, dead.Attempts);
        return true;
    }

    /// <summary>The scheduled one-off sync first (it names its trigger), else the periodic resync.</summary>
    async Task<AccountingPointSyncResult?> IAccountingPointGrain.SyncDueAsync()
    {
        var (scheduled, resync) = await _repository.DueNowAsync();
        if (scheduled)
        {
            SyncTrigger? trigger;
            await using (var unitOfWork = await BeginUnitOfWorkAsync())
            {
                trigger = await _repository.TakeScheduledSyncAsync(unitOfWork);
                await unitOfWork.CommitAsync();
            }

            if (trigger is { } taken)
            {
                return await SyncCoreAsync(taken);
            }
        }

        return resync && _options.BackgroundSync ? await SyncCoreAsync(SyncTrigger.Schedule) : null;
    }

    /// <summary>Only a legacy per-point reminder can tick here (activation raced its firing): drop it.</summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        logger.LogInformation("{GrainType} {GrainKey} drops reminder {Reminder}: the resync shards dispatch its syncs", GrainType, PointGsrn, reminderName);
        await this.UnregisterReminderIfAnyAsync(reminderName);
    }

    /// <summary>
    /// A thin change event: schedule a sync after the coalescing window, unless the point is not synced
    /// here or its last successful fetch already happened after the change.
    /// </summary>
    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        var occurredAt = ReadOccurredAt(message.PayloadJson) ?? message.AppendedAt;
        var row = await _repository.ReadSyncAsync();
        if (row is null || (!row.Status.Tracked && !row.Held))
        {
            logger.LogDebug("{GrainType} {GrainKey} ignores change event {MessageId}: the point is not synced here", GrainType, PointGsrn, message.MessageId);
            return;
        }

        if (row.Status.DataAsOf is { } asOf && asOf >= occurredAt)
        {
            logger.LogDebug("{GrainType} {GrainKey} ignores change event {MessageId}: already covered by the fetch at {DataAsOf:O}", GrainType, PointGsrn, message.MessageId, asOf);
            return;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var due = await ScheduleAsync(unitOfWork, SyncTrigger.Event, _options.EventCoalesceWindow, occurredAt);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey} change event {MessageId}: sync due at {DueAt:O}", GrainType, PointGsrn, message.MessageId, due);
    }

    private async Task<AccountingPointSyncResult> SyncCoreAsync(SyncTrigger trigger)
    {
        var started = time.GetTimestamp();
        using var slot = await limiter.TryEnterSyncAsync(_options.LimiterWait);
        if (slot is null)
        {
            return await DeferAsync(trigger, started);
        }

        long version;
        DateTimeOffset startedAt;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            (version, startedAt) = await _repository.MarkStartedAsync(unitOfWork, NextResync(time.GetUtcNow()));
            await unitOfWork.CommitAsync();
        }

        DateTimeOffset? validFrom = null;
        (SyncOutcome Outcome, string Reason) failure;
        try
        {
            validFrom = await ValidFromAsync();
            switch (await adapter.GetAccountingPointAsync(PointGsrn, validFrom.Value))
            {
                case AdapterFetchResult.Found found:
                    var (snapshot, errors) = AdapterDocumentReader.Read(PointGsrn, found.Document, _options.UtcMidnightAsDate);
                    if (snapshot is not null)
                    {
                        return await MergeAsync(trigger, snapshot, version, startedAt, validFrom.Value, started);
                    }

                    failure = (SyncOutcome.Failed, "the adapter's data was rejected: " + string.Join("; ", errors));
                    break;
                case AdapterFetchResult.NotFound:
                    failure = (SyncOutcome.NotFound, $"the datahub has no accounting point {PointGsrn}");
                    break;
                case AdapterFetchResult.Failed failed:
                    failure = (SyncOutcome.Failed, failed.Reason);
                    break;
                default:
                    throw new InvalidOperationException("Unknown adapter result.");
            }
        }
        catch (SyncRejectedException rejected)
        {
            failure = (SyncOutcome.Failed, rejected.Message);
        }
        catch (PostgresException database) when (database.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            // An integrity constraint (overlap, midnight, foreign key) refused the merge: a bug, or data the
            // reader let through. The transaction rolled back; it is recorded like any other failure.
            failure = (SyncOutcome.Failed, $"the database refused the data: {database.MessageText} ({database.ConstraintName})");
        }
        catch (Exception exception) when (exception is not EntityFenceException)
        {
            logger.LogError(exception, "{GrainType} {GrainKey} sync ({Trigger}) failed unexpectedly", GrainType, PointGsrn, trigger);
            failure = (SyncOutcome.Failed, $"{exception.GetType().Name}: {exception.Message}");
        }

        // If recording the failure fails too (database gone, lease lost), last_sync_start stays set and
        // the sweeper finds the sync dead and retries it.
        return await FailAsync(trigger, failure.Outcome, failure.Reason, validFrom, started);
    }

    private async Task<AccountingPointSyncResult> MergeAsync(
        SyncTrigger trigger,
        AccountingPointSnapshot snapshot,
        long version,
        DateTimeOffset startedAt,
        DateTimeOffset validFrom,
        long started)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        // The datahub is the master of the parties: a code new to the hub is recorded, not a reason to refuse the document.
        var newAreas = await _repository.RecordNewCodesAsync(unitOfWork, "RecordMeteringGridAreas", snapshot.MeteringGridAreas.Select(p => p.Value), PointGsrn);
        var newSuppliers = await _repository.RecordNewCodesAsync(unitOfWork, "RecordEnergySuppliers", snapshot.EnergySuppliers.Select(p => p.Value), PointGsrn);
        if (newAreas.Count > 0 || newSuppliers.Count > 0)
        {
            logger.LogInformation("{GrainType} {GrainKey}: recorded grid areas [{GridAreas}] and energy suppliers [{Suppliers}] new to the hub",
                GrainType, PointGsrn, string.Join(", ", newAreas), string.Join(", ", newSuppliers));
        }

        var (pointId, locationChanged) = await _repository.UpsertPointAsync(unitOfWork, snapshot.Location);
        var endUsers = await _repository.MergeEndUsersAsync(unitOfWork, pointId, snapshot.EndUsers, validFrom);
        var suppliers = await _repository.MergeCodesAsync(unitOfWork, "EnergySuppliers", pointId, snapshot.EnergySuppliers, validFrom);
        var gridAreas = await _repository.MergeCodesAsync(unitOfWork, "MeteringGridAreas", pointId, snapshot.MeteringGridAreas, validFrom);
        var changes = new TimelineChanges(
            endUsers.Inserts.Count + suppliers.Inserts.Count + gridAreas.Inserts.Count,
            endUsers.Updates.Count + suppliers.Updates.Count + gridAreas.Updates.Count,
            endUsers.Deletes.Count + suppliers.Deletes.Count + gridAreas.Deletes.Count,
            locationChanged);

        var finished = await _repository.MarkSucceededAsync(unitOfWork, version, startedAt, validFrom)
            ?? throw new SyncRejectedException("another sync of this point finished first (its version moved); nothing was written");

        // A scheduled sync that was asked for before this one started is satisfied by it.
        if (finished.NextSyncAt is not null && (finished.SyncRequestedAt is null || finished.SyncRequestedAt <= startedAt))
        {
            await _repository.CancelScheduledSyncAsync(unitOfWork);
        }

        await unitOfWork.CommitAsync();

        var duration = time.GetElapsedTime(started);
        metrics.SyncCompleted(SyncOutcome.Synced, trigger, duration);
        logger.Log(
            changes.Any ? LogLevel.Information : LogLevel.Debug,
            "{GrainType} {GrainKey} synced ({Trigger}) from {ValidFrom}: {Inserted} inserted, {Updated} updated, {Deleted} deleted, location {Location}, version {Version}, {DurationMs} ms",
            GrainType, PointGsrn, trigger, OsloTime.Format(validFrom), changes.Inserted, changes.Updated, changes.Deleted,
            changes.LocationChanged ? "changed" : "unchanged", finished.Version, (int)duration.TotalMilliseconds);
        return new AccountingPointSyncResult(PointGsrn, SyncOutcome.Synced, trigger, validFrom, changes, finished.Version, 0, null, duration.TotalMilliseconds);
    }

    private async Task<AccountingPointSyncResult> FailAsync(SyncTrigger trigger, SyncOutcome outcome, string reason, DateTimeOffset? validFrom, long started)
    {
        if (reason.Length > MaxErrorLength)
        {
            reason = reason[..MaxErrorLength] + "…";
        }

        var attempts = 0;
        long version = 0;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            if (await _repository.MarkFailedAsync(unitOfWork, outcome, reason) is { } failed)
            {
                attempts = failed.Attempts;
                version = failed.Version;
                if (!failed.Tracked && !failed.Held)
                {
                    // A lookup of a point the system does not hold leaves no trace unless it succeeds.
                    await _repository.DeleteSyncAsync(unitOfWork);
                }
                else if (failed.Tracked || (outcome == SyncOutcome.Failed && trigger is SyncTrigger.Event or SyncTrigger.Retry))
                {
                    // Tracked points, and a change the datahub announced for a point the hub holds:
                    // retried until it is in, or an adapter outage would leave the change behind.
                    var backoff = ResyncSchedule.Backoff(attempts, _options.RetryBackoffBase, _options.RetryBackoffMax, Random.Shared.NextDouble());
                    await ScheduleAsync(unitOfWork, SyncTrigger.Retry, backoff, requestedAt: null);
                }
            }

            await unitOfWork.CommitAsync();
        }

        var duration = time.GetElapsedTime(started);
        metrics.SyncCompleted(outcome, trigger, duration);
        if (attempts >= _options.FailingAfterAttempts)
        {
            logger.LogError("{GrainType} {GrainKey} is failing: sync ({Trigger}) {Outcome} for the {Attempts}th time in a row: {Reason}", GrainType, PointGsrn, trigger, outcome, attempts, reason);
        }
        else
        {
            logger.LogWarning("{GrainType} {GrainKey} sync ({Trigger}) {Outcome} (attempt {Attempts}): {Reason}", GrainType, PointGsrn, trigger, outcome, attempts, reason);
        }

        return new AccountingPointSyncResult(PointGsrn, outcome, trigger, validFrom, null, version, attempts, reason, duration.TotalMilliseconds);
    }

    /// <summary>
    /// No limiter slot in time: background triggers come back shortly; callers that wait get "deferred".
    /// A periodic resync needs nothing scheduled: no sync started, so the point is still due and its
    /// shard dispatches it again at its next tick.
    /// </summary>
    private async Task<AccountingPointSyncResult> DeferAsync(SyncTrigger trigger, long started)
    {
        if (trigger is not (SyncTrigger.Lookup or SyncTrigger.Manual or SyncTrigger.Schedule))
        {
            await using var unitOfWork = await BeginUnitOfWorkAsync();
            var delay = _options.LimiterWait * (1 + Random.Shared.NextDouble());
            await ScheduleAsync(unitOfWork, trigger, delay, requestedAt: null);
            await unitOfWork.CommitAsync();
        }

        var duration = time.GetElapsedTime(started);
        metrics.SyncCompleted(SyncOutcome.Deferred, trigger, duration);
        logger.LogInformation("{GrainType} {GrainKey} sync ({Trigger}) deferred: the adapter limiter had no slot within {Wait}", GrainType, PointGsrn, trigger, _options.LimiterWait);
        return new AccountingPointSyncResult(PointGsrn, SyncOutcome.Deferred, trigger, null, null, 0, 0, "no adapter capacity right now; try again shortly", duration.TotalMilliseconds);
    }

    /// <summary>Schedules the one-off sync (next_sync_at; its shard dispatches it once due); the earliest request wins.</summary>
    private async Task<DateTimeOffset> ScheduleAsync(IUnitOfWork unitOfWork, SyncTrigger trigger, TimeSpan delay, DateTimeOffset? requestedAt)
    {
        var (dueAt, _) = await _repository.ScheduleSyncAsync(unitOfWork, delay, trigger, requestedAt);
        return dueAt;
    }

    /// <summary>
    /// The delay to the point's next resync slot (ResyncSchedule: a stable offset per GSRN, so points
    /// spread evenly over the period); never zero, or a sync at its slot would be due again at once.
    /// </summary>
    private TimeSpan NextResync(DateTimeOffset now)
    {
        var period = _options.ResyncPeriod;
        var due = ResyncSchedule.DueTime(PointGsrn, period, now);
        return due > TimeSpan.Zero ? due : period;
    }

    /// <summary>Earliest start of the point's units at Oslo midnight; today's for a point without units (a lookup).</summary>
    private async Task<DateTimeOffset> ValidFromAsync()
    {
        var (earliestStart, _) = await _repository.ReadUnitsAsync();
        return earliestStart is { } start ? OsloTime.Midnight(start) : OsloTime.Today(time);
    }

    private static DateTimeOffset? ReadOccurredAt(string payloadJson)
    {
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("occurredAt", out var value)
                && value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var occurredAt)
                ? occurredAt
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
