using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// One prisoner's CAS2 applications (key: NOMS number), following the prisoner between prisons and
/// POMs (ADR 0026). The API's creates and submits and the prisoner's domain events are turns of this
/// grain, in order per prisoner:
/// <list type="bullet">
/// <item>prisoner.updated with LOCATION → prisoner search → a new prison (not OUT or TRN) adds an
/// assignment without a POM to each submitted application.</item>
/// <item>allocation.changed → the POM service (404: no POM yet) → a move first if the POM's prison is not
/// the current one, then an assignment with the POM; the same POM again changes nothing.</item>
/// <item>prisoner.merged → the removed number's applications, with their assignments, move here, once.</item>
/// </list>
/// Both lookups read the current state, so events late, repeated or out of order converge; a lookup that
/// fails is retried by the stream, then dead-lettered (replayable).
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(IncentiveStreams.HmppsDomainEvents)]
public sealed class TransferPrisonerGrain(
    PrisonerSearchClient prisonerSearch,
    PomAllocationsClient pomAllocations,
    NpgsqlDataSource database,
    TransfersMetrics metrics,
    TimeProvider time,
    ILogger<TransferPrisonerGrain> logger) : EntityGrain, ITransferPrisonerGrain, IStreamSubscriber
{
    public const string GrainTypeName = "transfers.prisoner";

    private const int MaxErrorLength = 1000;

    private string NomsNumber => EntityKey;

    async Task<Cas2CommandResult> ITransferPrisonerGrain.CreateApplicationAsync(NewCas2Application application)
    {
        RequirePrisonerKey();
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);
        if (!await Cas2ApplicationRows.InsertAsync(db, NomsNumber, application, time.GetUtcNow()))
        {
            var existing = await Cas2ApplicationRows.GetDetailAsync(db, application.Id);
            var same = existing is not null && existing.Summary.NomsNumber == NomsNumber && existing.Summary.Crn == application.Crn
                && existing.Summary.CreatedByUserId == application.CreatedByUserId;
            return same
                ? new Cas2CommandResult(Cas2CommandStatus.AlreadyDone, existing, null)
                : new Cas2CommandResult(Cas2CommandStatus.Conflict, null, $"Application {application.Id} exists already with other details.");
        }

        var created = await Cas2ApplicationRows.GetDetailAsync(db, application.Id);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: application {ApplicationId} created", GrainTypeName, NomsNumber, application.Id);
        return new Cas2CommandResult(Cas2CommandStatus.Done, created, null);
    }

    async Task<Cas2CommandResult> ITransferPrisonerGrain.SubmitApplicationAsync(Guid applicationId)
    {
        RequirePrisonerKey();
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);
        var application = await Cas2ApplicationRows.GetAsync(db, applicationId);
        if (application is null || application.NomsNumber != NomsNumber)
        {
            return new Cas2CommandResult(Cas2CommandStatus.NotFound, null, $"{NomsNumber} has no application {applicationId}.");
        }

        if (!await Cas2ApplicationRows.SubmitAsync(db, applicationId, time.GetUtcNow()))
        {
            return new Cas2CommandResult(Cas2CommandStatus.AlreadyDone, await Cas2ApplicationRows.GetDetailAsync(db, applicationId), null);
        }

        // As CAS2's backfill: the first assignment is the referring prison, with the creator as its POM.
        var referring = (await Cas2ApplicationRows.GetDetailAsync(db, applicationId))!.ReferringPrisonCode;
        await Cas2ApplicationRows.InsertAssignmentAsync(db, applicationId, referring, application.CreatedByUserId, application.CreatedByUserName, time.GetUtcNow());
        var submitted = await Cas2ApplicationRows.GetDetailAsync(db, applicationId);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: application {ApplicationId} submitted at {PrisonCode}", GrainTypeName, NomsNumber, applicationId, referring);
        return new Cas2CommandResult(Cas2CommandStatus.Done, submitted, null);
    }

    async Task<int> ITransferPrisonerGrain.HandOverApplicationsAsync(string nomsNumber)
    {
        RequirePrisonerKey();
        if (!PrisonerNumbers.IsValid(nomsNumber) || nomsNumber == NomsNumber)
        {
            throw new ArgumentException($"'{nomsNumber}' is not another NOMS number.", nameof(nomsNumber));
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var moved = await Cas2ApplicationRows.MoveToPrisonerAsync(Db.Of(unitOfWork), NomsNumber, nomsNumber);
        if (moved.Count == 0)
        {
            return 0;
        }

        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: {Count} applications handed over to {NomsNumber} (merge)", GrainTypeName, NomsNumber, moved.Count, nomsNumber);
        return moved.Count;
    }

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        using var document = JsonDocument.Parse(message.PayloadJson);
        var eventType = HmppsEvents.EventTypeOf(document.RootElement);
        if (!TransferEvent.IsTransferEvent(eventType))
        {
            return;
        }

        if (!TransferEvent.TryParse(document.RootElement, out var transferEvent, out var error))
        {
            throw new InvalidDataException($"Unreadable {eventType} event {message.MessageId}: {error}");
        }

        try
        {
            switch (transferEvent!.EventType)
            {
                case TransferEvent.PrisonerUpdated:
                    await OnPrisonerUpdatedAsync(transferEvent);
                    break;
                case TransferEvent.AllocationChanged:
                    await OnAllocationChangedAsync();
                    break;
                case TransferEvent.PrisonerMerged:
                    await OnPrisonerMergedAsync(transferEvent.RemovedNomsNumber!);
                    break;
            }
        }
        catch (TransferLookupException exception)
        {
            metrics.Applied(transferEvent!.EventType, "failed");
            logger.LogWarning("{GrainType} {GrainKey}: {EventType} {MessageId} could not be applied, will retry: {Error}",
                GrainTypeName, NomsNumber, transferEvent.EventType, message.MessageId, exception.Message);
            await RecordPendingAsync(transferEvent.EventType, exception.Message);
            throw;
        }
    }

    private async Task OnPrisonerUpdatedAsync(TransferEvent transferEvent)
    {
        if (!transferEvent.LocationChanged)
        {
            return;
        }

        var applications = await Db.ReadAsync(database, db => Cas2ApplicationRows.SubmittedOfPrisonerAsync(db, NomsNumber));
        if (applications.Count == 0)
        {
            // Most prisoners have no CAS2 application: prisoner search is not asked about them.
            return;
        }

        var prisoner = await prisonerSearch.GetPrisonerAsync(NomsNumber);
        if (prisoner is null || !prisoner.IsInPrison)
        {
            metrics.Applied(TransferEvent.PrisonerUpdated, "ignored");
            logger.LogInformation("{GrainType} {GrainKey}: location changed to {PrisonId}; not a move to another prison", GrainTypeName, NomsNumber, prisoner?.PrisonId ?? "(not in prisoner search)");
            await ClearPendingAsync();
            return;
        }

        await ApplyAsync(TransferEvent.PrisonerUpdated, applications, prisoner.PrisonId!, pom: null);
    }

    private async Task OnAllocationChangedAsync()
    {
        var applications = await Db.ReadAsync(database, db => Cas2ApplicationRows.SubmittedOfPrisonerAsync(db, NomsNumber));
        if (applications.Count == 0)
        {
            return;
        }

        var allocation = await pomAllocations.GetPrimaryPomAsync(NomsNumber);
        if (allocation is null)
        {
            metrics.Applied(TransferEvent.AllocationChanged, "ignored");
            logger.LogInformation("{GrainType} {GrainKey}: no POM allocated", GrainTypeName, NomsNumber);
            await ClearPendingAsync();
            return;
        }

        await ApplyAsync(TransferEvent.AllocationChanged, applications, allocation.Prison!.Code!, allocation.Manager);
    }

    /// <summary>
    /// Brings each application to the prison (and POM) given, appending only what differs from its current
    /// assignment: a move to another prison as an assignment without a POM, then the POM.
    /// </summary>
    private async Task ApplyAsync(string eventType, List<Guid> applications, string prisonCode, PomManager? pom)
    {
        var (moves, pomChanges) = (0, 0);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            var now = time.GetUtcNow();
            foreach (var id in applications)
            {
                var current = await Cas2ApplicationRows.CurrentAssignmentAsync(db, id);
                var pomUserId = current?.AllocatedPomUserId;
                if (current?.PrisonCode != prisonCode)
                {
                    await Cas2ApplicationRows.InsertAssignmentAsync(db, id, prisonCode, null, null, now);
                    pomUserId = null;
                    moves++;
                }

                if (pom is not null && pomUserId != pom.UserId)
                {
                    await Cas2ApplicationRows.InsertAssignmentAsync(db, id, prisonCode, pom.UserId, pom.DisplayName, now);
                    pomChanges++;
                }
            }

            await Cas2ApplicationRows.ClearPendingAsync(db, NomsNumber);
            await unitOfWork.CommitAsync();
        }

        metrics.Applied(eventType, moves + pomChanges > 0 ? "applied" : "unchanged");
        logger.LogInformation("{GrainType} {GrainKey}: {EventType} applied to {Count} applications: {Moves} moves to {PrisonCode}, {PomChanges} POM changes",
            GrainTypeName, NomsNumber, eventType, applications.Count, moves, prisonCode, pomChanges);
    }

    private async Task OnPrisonerMergedAsync(string removedNomsNumber)
    {
        if (await Db.ReadAsync(database, db => Cas2ApplicationRows.MergedIntoAsync(db, removedNomsNumber)) is not null)
        {
            metrics.Applied(TransferEvent.PrisonerMerged, "unchanged");
            return;
        }

        // The removed number's grain moves its own rows (single writer per prisoner); this grain records the merge.
        var moved = await GrainFactory.GetGrain<ITransferPrisonerGrain>(removedNomsNumber).HandOverApplicationsAsync(NomsNumber);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            await Cas2ApplicationRows.RecordMergeAsync(Db.Of(unitOfWork), removedNomsNumber, NomsNumber, moved, time.GetUtcNow());
            await unitOfWork.CommitAsync();
        }

        metrics.Applied(TransferEvent.PrisonerMerged, "applied");
        logger.LogInformation("{GrainType} {GrainKey}: {RemovedNomsNumber} merged into this prisoner; {Count} applications moved", GrainTypeName, NomsNumber, removedNomsNumber, moved);
    }

    /// <summary>Outside the unit of work (which is rolling back): what the dashboard shows as pending.</summary>
    private async Task RecordPendingAsync(string eventType, string error)
    {
        try
        {
            await Db.ReadAsync(database, db => Cas2ApplicationRows.RecordPendingAsync(db, NomsNumber, eventType, error.Length <= MaxErrorLength ? error : error[..MaxErrorLength], time.GetUtcNow()));
        }
        catch (NpgsqlException exception)
        {
            logger.LogDebug("{GrainType} {GrainKey}: the pending lookup could not be recorded: {Error}", GrainTypeName, NomsNumber, exception.Message);
        }
    }

    private Task ClearPendingAsync() => Db.ReadAsync(database, db => Cas2ApplicationRows.ClearPendingAsync(db, NomsNumber));

    private void RequirePrisonerKey()
    {
        if (!PrisonerNumbers.IsValid(NomsNumber))
        {
            throw new InvalidOperationException($"'{NomsNumber}' is not a NOMS number; only a prisoner's grain holds applications.");
        }
    }
}
