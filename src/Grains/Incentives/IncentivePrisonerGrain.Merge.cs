using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.PrisonTransfers;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Prisoner merges in the incentives domain (prison-offender-events.prisoner.merged, delivered to the
/// remaining number's grain in order with its other events): the removed number's reviews move to the
/// remaining number and are re-keyed to its booking, as incentives-api's mergedPrisonerDetails does,
/// with an audit row PRISONER_NUMBER_MERGE and an incentives.iep-review.updated for each moved review,
/// all in one unit of work with the event's consumption, so the merge takes effect once.
/// </summary>
public sealed partial class IncentivePrisonerGrain
{
    public const string PrisonerNumberMerge = "PRISONER_NUMBER_MERGE";

    private const string MergeQueries = "IncentiveMerges";

    /// <summary>The direction label of incentives.syncs for merges.</summary>
    private const string MergeDirection = "merge";

    private async Task OnPrisonerMergedAsync(JsonElement payload)
    {
        if (!TransferEvent.TryParse(payload, out var merge, out var error))
        {
            throw new InvalidDataException($"Unreadable {TransferEvent.PrisonerMerged} event: {error}");
        }

        RequirePrisonerKey();
        var removed = merge!.RemovedNomsNumber!;
        var bookingId = await RemainingBookingAsync(payload);
        int moved;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var db = Db.Of(unitOfWork);
            if (bookingId is { } booking)
            {
                await db.ExecuteAsync(MergeQueries, "ClearMovedCurrent", removed, booking);
            }

            var reviews = await db.ListAsync(MergeQueries, "MoveReviews", reader => (Id: reader.GetInt64(0), ReviewTime: reader.GetDateTime(1)), removed, PrisonerNumber, bookingId);
            var now = time.GetUtcNow();
            foreach (var (id, reviewTime) in reviews)
            {
                var movedBooking = bookingId ?? await db.ScalarAsync<long>(MergeQueries, "BookingOf", id);
                await db.ExecuteAsync(MergeQueries, "Audit", id, removed, PrisonerNumber, movedBooking, now);
                PublishReviewEvent(unitOfWork, IncentiveReviewEvent.Updated, id, reason: null, reviewTime);
            }

            moved = reviews.Count;
            await unitOfWork.CommitAsync();
        }

        metrics.Sync(MergeDirection, moved > 0 ? "updated" : "unchanged");
        logger.LogInformation("{GrainType} {GrainKey}: {RemovedNomsNumber} merged into this prisoner; {Count} reviews moved to booking {BookingId}",
            GrainTypeName, PrisonerNumber, removed, moved, bookingId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unchanged)");
    }

    /// <summary>
    /// The booking the moved reviews go on: the event's bookingId when it has one, else the remaining
    /// prisoner's latest booking in NOMIS (incentives-api asks prisoner search), else the latest DPS knows;
    /// null (bookings unchanged) when none is known.
    /// </summary>
    private async Task<long?> RemainingBookingAsync(JsonElement payload)
    {
        // A string in prison-offender-events' events ("1216772"); a number is tolerated.
        if (payload.TryGetProperty("additionalInformation", out var information) && information.ValueKind == JsonValueKind.Object
            && information.TryGetProperty("bookingId", out var booking)
            && (booking.ValueKind == JsonValueKind.Number ? booking.TryGetInt64(out var fromEvent)
                : booking.ValueKind == JsonValueKind.String && long.TryParse(booking.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out fromEvent))
            && fromEvent > 0)
        {
            return fromEvent;
        }

        try
        {
            if (await nomis.GetPrisonerAsync(PrisonerNumber) is { } prisoner)
            {
                return prisoner.BookingId;
            }
        }
        catch (NomisApiException exception)
        {
            logger.LogWarning("{GrainType} {GrainKey}: NOMIS could not be asked for the remaining booking of a merge ({Error}); using the latest DPS knows", GrainTypeName, PrisonerNumber, exception.Message);
        }

        return await Db.ReadAsync(database, db => IncentiveReviews.LatestBookingAsync(db, PrisonerNumber)) is { } known ? known.BookingId : null;
    }
}
