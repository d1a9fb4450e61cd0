using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// One prisoner's incentive reviews (key: NOMS number), synchronised both ways with NOMIS. Every change
/// is a turn of this grain (DPS creates, NOMIS offender events, the push to NOMIS, mapping retries,
/// migration, repair), so two changes to one prisoner never race, whichever side they come from.
/// <list type="bullet">
/// <item>DPS → NOMIS: a DPS review raises incentives.iep-review.inserted; its delivery here writes the IEP
/// to NOMIS, records what was written, then the mapping. A failing NOMIS write is retried by the stream
/// and then dead-lettered; a failing mapping write is retried through incentives-sync without writing to
/// NOMIS again; a conflicting mapping is reported, not retried.</item>
/// <item>NOMIS → DPS: IEP_UPSERTED from the NOMIS IEP screen (OIDOIEPS) creates or updates the mirrored
/// review (mapping NOMIS_CREATED); IEP_DELETED deletes it. Rows NOMIS wrote for DPS (DPS_SYNCHRONISATION)
/// and reviews that came from NOMIS (reason USER_CREATED_NOMIS) are never echoed back.</item>
/// <item>Current flag: after every sync step the booking's current DPS review is made the one NOMIS holds
/// current (latest date, then highest sequence), so both sides converge on the same current level.</item>
/// </list>
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(IncentiveStreams.OffenderEvents)]
[ImplicitStreamSubscription(IncentiveStreams.HmppsDomainEvents)]
[ImplicitStreamSubscription(IncentiveStreams.IncentivesDomainEvents)]
[ImplicitStreamSubscription(IncentiveStreams.IncentivesSync)]
public sealed partial class IncentivePrisonerGrain(
    NomisPrisonerApiClient nomis,
    NpgsqlDataSource database,
    IncentivesMetrics metrics,
    IOptions<IncentivesOptions> options,
    TimeProvider time,
    ILogger<IncentivePrisonerGrain> logger) : EntityGrain, IIncentivePrisonerGrain, IStreamSubscriber
{
    public const string GrainTypeName = "incentives.prisoner";

    /// <summary>Reviews recorded in DPS by the API carry the incentives-api's audit module.</summary>
    public const string DpsAuditModule = "INCENTIVES_API";

    private const int MaxDetailLength = 1000;

    // NOMIS writes of this activation whose result could not be recorded yet (the database failed right
    // after NOMIS answered): a retry of the same event records these instead of writing to NOMIS again.
    private readonly Dictionary<long, NomisCreateIncentiveResponse> _unrecordedWrites = [];

    private string PrisonerNumber => EntityKey;

    async Task<CreateReviewResult> IIncentivePrisonerGrain.CreateReviewAsync(CreateIncentiveReview review)
    {
        RequirePrisonerKey();
        if (!PrisonLevelKey.IsLevelCode(review.IepLevel) || !ReviewTypes.All.Contains(review.ReviewType) || string.IsNullOrWhiteSpace(review.Comment))
        {
            throw new ArgumentException("A review needs a level code, a known review type and a comment.", nameof(review));
        }

        var (booking, failure) = await ResolveBookingAsync();
        if (failure is not null)
        {
            return failure;
        }

        if (await Db.ReadAsync(database, db => ReviewLevels.RefusalAsync(db, booking.PrisonId, review.IepLevel)) is { } refusal)
        {
            return new CreateReviewResult(CreateReviewStatus.LevelNotActive, null, refusal);
        }

        var reviewTime = review.ReviewTime is { } given ? LondonTime.ToLocal(given) : LondonTime.Now(time);
        var row = new NewReview(PrisonerNumber, booking.BookingId, reviewTime, review.IepLevel, review.ReviewType, review.Comment,
            booking.PrisonId, review.ReviewedBy, Current: true, DpsAuditModule, ReviewOrigins.Dps);
        long id;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            id = await IncentiveReviews.InsertAsync(Db.Of(unitOfWork), row);
            PublishReviewEvent(unitOfWork, IncentiveReviewEvent.Inserted, id, reason: null, reviewTime);
            await unitOfWork.CommitAsync();
        }

        logger.LogInformation("{GrainType} {GrainKey}: review {ReviewId} ({Level}) recorded on booking {BookingId}", GrainTypeName, PrisonerNumber, id, review.IepLevel, booking.BookingId);
        var created = new ReviewRow(id, row.PrisonerNumber, row.BookingId, row.ReviewTime, row.LevelCode, row.ReviewType, row.Comment, row.PrisonId, null, row.ReviewedBy, true, row.AuditModuleName, row.Origin);
        return new CreateReviewResult(CreateReviewStatus.Created, created.ToDetail(), null);
    }

    async Task<MigrateIncentiveResult> IIncentivePrisonerGrain.MigrateAsync(string migrationId, NomisIncentive incentive)
    {
        RequirePrisonerKey();
        if (incentive.OffenderNo != PrisonerNumber)
        {
            throw new ArgumentException($"IEP {incentive.BookingId}/{incentive.IncentiveSequence} belongs to {incentive.OffenderNo}, not {PrisonerNumber}.", nameof(incentive));
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);
        if (await IncentiveMappings.ReviewOfNomisIdsAsync(db, incentive.BookingId, incentive.IncentiveSequence) is { } existing)
        {
            var mapping = await IncentiveMappings.ByIncentiveIdAsync(db, existing);
            return new MigrateIncentiveResult(false, existing, mapping?.MappingType ?? IncentiveMapping.IncentiveCreated, mapping?.Label);
        }

        var id = await IncentiveReviews.InsertAsync(db, NewReview.FromNomis(incentive, ReviewTypes.Migrated, ReviewOrigins.Migration));
        var written = await IncentiveMappings.TryInsertAsync(db, id, incentive.BookingId, incentive.IncentiveSequence, IncentiveMapping.Migrated, migrationId);
        if (!written.Ok)
        {
            throw new InvalidOperationException(written.Conflict);
        }

        await unitOfWork.CommitAsync();
        return new MigrateIncentiveResult(true, id, null, null);
    }

    async Task<RepairResult> IIncentivePrisonerGrain.RepairAsync()
    {
        RequirePrisonerKey();
        var review = await Db.ReadAsync(database, async db =>
            await IncentiveReviews.LatestBookingAsync(db, PrisonerNumber) is { } latest
                ? (await IncentiveReviews.ListByBookingAsync(db, latest.BookingId)).FirstOrDefault(r => r.Current)
                : null);
        if (review is null)
        {
            return new RepairResult(false, null, null, null, null, $"DPS has no current review for {PrisonerNumber}.");
        }

        NomisCreateIncentiveResponse created;
        try
        {
            // Dated now: NOMIS' current IEP is its latest by date, so DPS' level re-sent with the
            // review's own (older) date would stay behind the IEP that caused the mismatch.
            created = await nomis.CreateIncentiveAsync(PrisonerNumber, ToNomisRequest(review) with
            {
                IepDateTime = NomisPrisonerApiClient.LocalDateTime(LondonTime.Now(time)),
            });
        }
        catch (NomisApiException exception)
        {
            metrics.Sync(IncentivesMetrics.Repair, "failed");
            logger.LogWarning("{GrainType} {GrainKey}: repair could not write review {ReviewId} to NOMIS: {Error}", GrainTypeName, PrisonerNumber, review.Id, exception.Message);
            return new RepairResult(false, review.Id, review.LevelCode, null, null, exception.Message);
        }

        metrics.Sync(IncentivesMetrics.Repair, "created");
        logger.LogInformation("{GrainType} {GrainKey}: repair re-sent current review {ReviewId} ({Level}) to NOMIS as {NomisBookingId}/{NomisSequence}",
            GrainTypeName, PrisonerNumber, review.Id, review.LevelCode, created.BookingId, created.Sequence);
        return new RepairResult(true, review.Id, review.LevelCode, created.BookingId, created.Sequence, null);
    }

    Task IIncentivePrisonerGrain.SendReviewToNomisAsync(long reviewId)
    {
        RequirePrisonerKey();
        return SendToNomisAsync(reviewId);
    }

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        using var document = JsonDocument.Parse(message.PayloadJson);
        var payload = document.RootElement;
        var eventType = HmppsEvents.EventTypeOf(payload);
        switch (message.Namespace)
        {
            case IncentiveStreams.OffenderEvents when NomisOffenderEvent.IsIepEvent(eventType):
                await OnOffenderEventAsync(NomisOffenderEvent.TryParse(payload, out var offenderEvent, out var offenderError)
                    ? offenderEvent!
                    : throw new InvalidDataException($"Unreadable {eventType} event {message.MessageId}: {offenderError}"));
                break;

            case IncentiveStreams.IncentivesDomainEvents or IncentiveStreams.HmppsDomainEvents when IncentiveReviewEvent.IsReviewEvent(eventType):
                await OnReviewEventAsync(IncentiveReviewEvent.TryParse(payload, out var reviewEvent, out var reviewError)
                    ? reviewEvent!
                    : throw new InvalidDataException($"Unreadable {eventType} event {message.MessageId}: {reviewError}"));
                break;

            case IncentiveStreams.HmppsDomainEvents when eventType == PrisonTransfers.TransferEvent.PrisonerMerged:
                await OnPrisonerMergedAsync(payload);
                break;

            case IncentiveStreams.HmppsDomainEvents when eventType == PrisonerReceivedEvent.EventType:
                await OnPrisonerReceivedAsync(PrisonerReceivedEvent.TryParse(payload, out var received, out var receivedError)
                    ? received!
                    : throw new InvalidDataException($"Unreadable {eventType} event {message.MessageId}: {receivedError}"));
                break;

            case IncentiveStreams.IncentivesSync:
                var retry = message.Payload<MappingRetry>();
                if (retry.Type == MappingRetry.RetryCreateMapping)
                {
                    await RetryMappingAsync(retry.IncentiveId);
                }

                break;

            default:
                logger.LogDebug("{GrainType} {GrainKey}: {Namespace} message {MessageId} ({EventType}) is not for the incentives sync", GrainTypeName, message.Key, message.Namespace, message.MessageId, eventType);
                break;
        }
    }

    private async Task OnOffenderEventAsync(NomisOffenderEvent offenderEvent)
    {
        RequirePrisonerKey();
        try
        {
            if (offenderEvent.EventType == NomisOffenderEvent.IepDeleted)
            {
                await DeleteFromNomisAsync(offenderEvent.BookingId, offenderEvent.IepSeq);
                return;
            }

            if (offenderEvent.AuditModuleName != NomisAuditModules.IepScreen)
            {
                if (offenderEvent.AuditModuleName == NomisAuditModules.DpsSynchronisation)
                {
                    metrics.EchoSuppressed(IncentivesMetrics.NomisToDps);
                    logger.LogDebug("{GrainType} {GrainKey}: IEP {BookingId}/{Sequence} was written for DPS; not synchronised back", GrainTypeName, PrisonerNumber, offenderEvent.BookingId, offenderEvent.IepSeq);
                }
                else
                {
                    metrics.Sync(IncentivesMetrics.NomisToDps, "ignored");
                    logger.LogInformation("{GrainType} {GrainKey}: IEP {BookingId}/{Sequence} was written by {AuditModule}, not the IEP screen; not synchronised",
                        GrainTypeName, PrisonerNumber, offenderEvent.BookingId, offenderEvent.IepSeq, offenderEvent.AuditModuleName ?? "(no module)");
                }

                return;
            }

            var incentive = await nomis.GetIncentiveAsync(offenderEvent.BookingId, offenderEvent.IepSeq);
            if (incentive is null || incentive.OffenderNo != PrisonerNumber)
            {
                // Deleted since (its IEP_DELETED follows) or moved to another prisoner.
                metrics.Sync(IncentivesMetrics.NomisToDps, "ignored");
                logger.LogInformation("{GrainType} {GrainKey}: IEP {BookingId}/{Sequence} is not this prisoner's in NOMIS (any more); not synchronised",
                    GrainTypeName, PrisonerNumber, offenderEvent.BookingId, offenderEvent.IepSeq);
                return;
            }

            var current = incentive.CurrentIep
                ? new NomisIncentiveId(incentive.BookingId, incentive.IncentiveSequence)
                : await CurrentInNomisAsync(incentive.BookingId);
            await UpsertFromNomisAsync(incentive, current);
        }
        catch (NomisApiException exception)
        {
            metrics.Sync(IncentivesMetrics.NomisToDps, "failed");
            logger.LogWarning("{GrainType} {GrainKey}: {EventType} {BookingId}/{Sequence} could not be synchronised, will retry: {Error}",
                GrainTypeName, PrisonerNumber, offenderEvent.EventType, offenderEvent.BookingId, offenderEvent.IepSeq, exception.Message);
            throw;
        }
    }

    private async Task UpsertFromNomisAsync(NomisIncentive incentive, NomisIncentiveId? current)
    {
        string outcome;
        long id;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            if (await IncentiveMappings.ReviewOfNomisIdsAsync(db, incentive.BookingId, incentive.IncentiveSequence) is { } existing)
            {
                id = existing;
                var changed = await IncentiveReviews.UpdateFromNomisAsync(db, id, incentive);
                if (changed)
                {
                    PublishReviewEvent(unitOfWork, IncentiveReviewEvent.Updated, id, reason: null, incentive.ReviewTime);
                }

                outcome = changed ? "updated" : "unchanged";
            }
            else
            {
                id = await IncentiveReviews.InsertAsync(db, NewReview.FromNomis(incentive, ReviewTypes.Review, ReviewOrigins.Nomis));
                var mapped = await IncentiveMappings.TryInsertAsync(db, id, incentive.BookingId, incentive.IncentiveSequence, IncentiveMapping.NomisCreated, null);
                if (!mapped.Ok)
                {
                    // Not reachable: the IEP was found unmapped in this same turn of the prisoner's only activation.
                    throw new InvalidOperationException(mapped.Conflict);
                }

                PublishReviewEvent(unitOfWork, IncentiveReviewEvent.Inserted, id, IncentiveReviewEvent.UserCreatedNomis, incentive.ReviewTime);
                outcome = "created";
            }

            await AlignCurrentAsync(db, incentive.BookingId, current);
            await unitOfWork.CommitAsync();
        }

        metrics.Sync(IncentivesMetrics.NomisToDps, outcome);
        logger.LogInformation("{GrainType} {GrainKey}: NOMIS IEP {BookingId}/{Sequence} ({Level}) synchronised to review {ReviewId}: {Outcome}",
            GrainTypeName, PrisonerNumber, incentive.BookingId, incentive.IncentiveSequence, incentive.IepLevel.Code, id, outcome);
    }

    private async Task DeleteFromNomisAsync(long bookingId, long sequence)
    {
        var review = await Db.ReadAsync(database, async db =>
            await IncentiveMappings.ReviewOfNomisIdsAsync(db, bookingId, sequence) is { } id ? await IncentiveReviews.GetAsync(db, id) : null);
        if (review is null)
        {
            metrics.Sync(IncentivesMetrics.NomisToDps, "ignored");
            logger.LogInformation("{GrainType} {GrainKey}: IEP {BookingId}/{Sequence} deleted in NOMIS has no mapping; nothing to delete", GrainTypeName, PrisonerNumber, bookingId, sequence);
            return;
        }

        var current = await CurrentInNomisAsync(bookingId);
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            await IncentiveReviews.DeleteAsync(db, review.Id);
            PublishReviewEvent(unitOfWork, IncentiveReviewEvent.Deleted, review.Id, reason: null, review.ReviewTime);
            await AlignCurrentAsync(db, bookingId, current);
            await unitOfWork.CommitAsync();
        }

        metrics.Sync(IncentivesMetrics.NomisToDps, "deleted");
        logger.LogInformation("{GrainType} {GrainKey}: review {ReviewId} deleted, as NOMIS deleted IEP {BookingId}/{Sequence}", GrainTypeName, PrisonerNumber, review.Id, bookingId, sequence);
    }

    private async Task OnReviewEventAsync(IncentiveReviewEvent reviewEvent)
    {
        // As in prisoner-to-nomis-update, only new reviews are sent to NOMIS.
        if (reviewEvent.EventType != IncentiveReviewEvent.Inserted)
        {
            return;
        }

        if (reviewEvent.Reason == IncentiveReviewEvent.UserCreatedNomis)
        {
            metrics.EchoSuppressed(IncentivesMetrics.DpsToNomis);
            logger.LogDebug("{GrainType} {GrainKey}: review {ReviewId} came from NOMIS; not sent back", GrainTypeName, PrisonerNumber, reviewEvent.ReviewId);
            return;
        }

        if (PrisonerNumbers.IsValid(PrisonerNumber))
        {
            await SendToNomisAsync(reviewEvent.ReviewId);
            return;
        }

        // An event that did not name the prisoner was keyed by its review id: hand it to the prisoner's grain.
        var owner = await Db.ReadAsync(database, db => IncentiveReviews.PrisonerOfAsync(db, reviewEvent.ReviewId));
        if (owner is null)
        {
            metrics.Sync(IncentivesMetrics.DpsToNomis, "ignored");
            logger.LogInformation("{GrainType} {GrainKey}: review {ReviewId} is not a DPS review this system holds; nothing to send", GrainTypeName, PrisonerNumber, reviewEvent.ReviewId);
            return;
        }

        await GrainFactory.GetGrain<IIncentivePrisonerGrain>(owner).SendReviewToNomisAsync(reviewEvent.ReviewId);
    }

    private async Task SendToNomisAsync(long reviewId)
    {
        var (review, mapping, written) = await Db.ReadAsync(database, async db =>
            (await IncentiveReviews.GetAsync(db, reviewId), await IncentiveMappings.ByIncentiveIdAsync(db, reviewId), await IncentiveNomisWrites.GetAsync(db, reviewId)));
        if (review is null || review.PrisonerNumber != PrisonerNumber)
        {
            metrics.Sync(IncentivesMetrics.DpsToNomis, "ignored");
            logger.LogInformation("{GrainType} {GrainKey}: review {ReviewId} is not one of this prisoner's reviews (any more); nothing to send", GrainTypeName, PrisonerNumber, reviewId);
            return;
        }

        if (mapping is not null)
        {
            metrics.Sync(IncentivesMetrics.DpsToNomis, "duplicate");
            logger.LogInformation("{GrainType} {GrainKey}: review {ReviewId} is already mapped to NOMIS IEP {NomisBookingId}/{NomisSequence} ({MappingType}); not sent again",
                GrainTypeName, PrisonerNumber, reviewId, mapping.NomisBookingId, mapping.NomisIncentiveSequence, mapping.MappingType);
            return;
        }

        if (review.Origin != ReviewOrigins.Dps)
        {
            metrics.EchoSuppressed(IncentivesMetrics.DpsToNomis);
            return;
        }

        if (written is { Status: IncentiveNomisWrites.MappingConflict })
        {
            logger.LogInformation("{GrainType} {GrainKey}: review {ReviewId} was written to NOMIS and its mapping conflicted (reported); not sent again", GrainTypeName, PrisonerNumber, reviewId);
            return;
        }

        NomisCreateIncentiveResponse created;
        if (written is not null)
        {
            created = new NomisCreateIncentiveResponse(written.NomisBookingId, written.NomisSequence);
        }
        else if (_unrecordedWrites.TryGetValue(reviewId, out var unrecorded))
        {
            created = unrecorded;
        }
        else
        {
            try
            {
                created = await nomis.CreateIncentiveAsync(PrisonerNumber, ToNomisRequest(review));
            }
            catch (NomisApiException exception)
            {
                metrics.Sync(IncentivesMetrics.DpsToNomis, "failed");
                logger.LogWarning("{GrainType} {GrainKey}: review {ReviewId} could not be written to NOMIS, will retry: {Error}", GrainTypeName, PrisonerNumber, reviewId, exception.Message);
                throw;
            }

            _unrecordedWrites[reviewId] = created;
        }

        await RecordNomisWriteAsync(review, created, retrying: written is not null);
        _unrecordedWrites.Remove(reviewId);
    }

    private async Task RetryMappingAsync(long reviewId)
    {
        var (review, written) = await Db.ReadAsync(database, async db =>
            (await IncentiveReviews.GetAsync(db, reviewId), await IncentiveNomisWrites.GetAsync(db, reviewId)));
        if (review is null || written is not { Status: IncentiveNomisWrites.MappingPending })
        {
            return;
        }

        await RecordNomisWriteAsync(review, new NomisCreateIncentiveResponse(written.NomisBookingId, written.NomisSequence), retrying: true);
    }

    /// <summary>
    /// Records the NOMIS row a review was written to and its mapping, in one transaction. If that fails
    /// the first time, the NOMIS row alone is recorded (MAPPING_PENDING) with an incentives-sync retry
    /// message, so the mapping is retried (then dead-lettered, replayable) without writing to NOMIS again.
    /// </summary>
    private async Task RecordNomisWriteAsync(ReviewRow review, NomisCreateIncentiveResponse created, bool retrying)
    {
        var current = await CurrentInNomisOrNullAsync(created.BookingId);
        try
        {
            MappingWrite mapping;
            await using (var unitOfWork = await BeginUnitOfWorkAsync())
            {
                var db = Db.Of(unitOfWork);
                await IncentiveNomisWrites.SetLockTimeoutAsync(db, options.Value.MappingLockTimeout);
                mapping = await IncentiveMappings.TryInsertAsync(db, review.Id, created.BookingId, created.Sequence, IncentiveMapping.IncentiveCreated, null);
                await IncentiveNomisWrites.UpsertAsync(db, review.Id, created.BookingId, created.Sequence,
                    mapping.Ok ? IncentiveNomisWrites.Mapped : IncentiveNomisWrites.MappingConflict, mapping.Conflict);
                if (mapping.Ok)
                {
                    await AlignCurrentAsync(db, review.BookingId, current);
                }

                await unitOfWork.CommitAsync();
            }

            if (mapping.Ok)
            {
                metrics.Sync(IncentivesMetrics.DpsToNomis, retrying ? "mapping-retry-success" : "created");
                logger.LogInformation("{GrainType} {GrainKey}: review {ReviewId} ({Level}) is NOMIS IEP {NomisBookingId}/{NomisSequence}",
                    GrainTypeName, PrisonerNumber, review.Id, review.LevelCode, created.BookingId, created.Sequence);
            }
            else
            {
                metrics.Sync(IncentivesMetrics.DpsToNomis, "conflict");
                logger.LogError("{GrainType} {GrainKey}: review {ReviewId} was written to NOMIS as {NomisBookingId}/{NomisSequence} but its mapping conflicts; reported, not retried. {Conflict}",
                    GrainTypeName, PrisonerNumber, review.Id, created.BookingId, created.Sequence, mapping.Conflict);
            }
        }
        catch (Exception exception) when (!retrying && exception is not EntityFenceException)
        {
            logger.LogWarning("{GrainType} {GrainKey}: review {ReviewId} is NOMIS IEP {NomisBookingId}/{NomisSequence} but the mapping could not be written ({Error}); retrying it without writing to NOMIS again",
                GrainTypeName, PrisonerNumber, review.Id, created.BookingId, created.Sequence, exception.Message);
            await using var unitOfWork = await BeginUnitOfWorkAsync();
            await IncentiveNomisWrites.UpsertAsync(Db.Of(unitOfWork), review.Id, created.BookingId, created.Sequence, IncentiveNomisWrites.MappingPending, Shorten(exception.Message));
            unitOfWork.Publish(IncentiveStreams.IncentivesSync, PrisonerNumber, $"retry-create-mapping/{review.Id}/{Guid.NewGuid():N}",
                new MappingRetry(MappingRetry.RetryCreateMapping, review.Id));
            await unitOfWork.CommitAsync();
            metrics.Sync(IncentivesMetrics.DpsToNomis, "mapping-retry");
        }
    }

    /// <summary>
    /// Makes the DPS review that mirrors NOMIS' current IEP of the booking the booking's current review.
    /// When NOMIS' current IEP is not (yet) known to DPS, nothing changes: its own event comes later.
    /// </summary>
    private static async Task AlignCurrentAsync(Db db, long bookingId, NomisIncentiveId? current)
    {
        if (current is null || current.BookingId != bookingId
            || await IncentiveMappings.ReviewOfNomisIdsAsync(db, current.BookingId, current.Sequence) is not { } reviewId
            || await IncentiveReviews.GetAsync(db, reviewId) is not { } review
            || review.BookingId != bookingId)
        {
            return;
        }

        await IncentiveReviews.MakeCurrentAsync(db, bookingId, reviewId);
    }

    /// <summary>NOMIS' current IEP of a booking, or null when it has none. Failures propagate (the step is retried).</summary>
    private async Task<NomisIncentiveId?> CurrentInNomisAsync(long bookingId) =>
        await nomis.GetCurrentIncentiveAsync(bookingId) is { } current ? new NomisIncentiveId(current.BookingId, current.IncentiveSequence) : null;

    /// <summary>As <see cref="CurrentInNomisAsync"/>, but a failure only skips aligning the current flag: the NOMIS write is done and must be recorded.</summary>
    private async Task<NomisIncentiveId?> CurrentInNomisOrNullAsync(long bookingId)
    {
        try
        {
            return await CurrentInNomisAsync(bookingId);
        }
        catch (NomisApiException exception)
        {
            logger.LogDebug("{GrainType} {GrainKey}: NOMIS' current IEP of booking {BookingId} is unknown ({Error})", GrainTypeName, PrisonerNumber, bookingId, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// The booking a new DPS review goes on: the prisoner's latest booking in NOMIS. When NOMIS cannot be
    /// asked, the latest booking DPS knows, so that DPS keeps working through a NOMIS outage.
    /// </summary>
    private async Task<((long BookingId, string PrisonId) Booking, CreateReviewResult? Failure)> ResolveBookingAsync()
    {
        try
        {
            return await nomis.GetPrisonerAsync(PrisonerNumber) is { } prisoner
                ? ((prisoner.BookingId, prisoner.Location), null)
                : (default, new CreateReviewResult(CreateReviewStatus.PrisonerNotFound, null, $"NOMIS has no prisoner {PrisonerNumber}."));
        }
        catch (NomisApiException exception)
        {
            if (await Db.ReadAsync(database, db => IncentiveReviews.LatestBookingAsync(db, PrisonerNumber)) is { } known)
            {
                logger.LogWarning("{GrainType} {GrainKey}: NOMIS could not be asked for the latest booking ({Error}); using booking {BookingId}, the latest DPS knows",
                    GrainTypeName, PrisonerNumber, exception.Message, known.BookingId);
                return (known, null);
            }

            return (default, new CreateReviewResult(CreateReviewStatus.BookingUnknown, null,
                $"NOMIS could not be asked for {PrisonerNumber}'s booking and DPS knows none: {exception.Message}"));
        }
    }

    private void PublishReviewEvent(IUnitOfWork unitOfWork, string eventType, long reviewId, string? reason, DateTime reviewTime)
    {
        // An insert or delete happens once per review; updates many times.
        var messageId = eventType == IncentiveReviewEvent.Updated ? $"{eventType}/{reviewId}/{Guid.NewGuid():N}" : $"{eventType}/{reviewId}";
        unitOfWork.Publish(IncentiveStreams.IncentivesDomainEvents, PrisonerNumber, messageId,
            IncentiveDomainEvents.Create(eventType, reviewId, PrisonerNumber, reason, reviewTime));
    }

    private static NomisCreateIncentiveRequest ToNomisRequest(ReviewRow review) =>
        new(review.LevelCode, review.Comment, NomisPrisonerApiClient.LocalDateTime(review.ReviewTime), review.PrisonId, review.ReviewedBy);

    private void RequirePrisonerKey()
    {
        if (!PrisonerNumbers.IsValid(PrisonerNumber))
        {
            throw new InvalidOperationException($"'{PrisonerNumber}' is not a NOMS number; only a prisoner's grain records incentives.");
        }
    }

    private static string Shorten(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength];
}
