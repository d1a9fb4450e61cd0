using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Prisoner movements (prisoner-offender-search.prisoner.received), as incentives-api handles them: a new admission
/// or readmission gets an initial review at the prison's default-on-admission level; a transfer gets a transfer
/// review that keeps the level when it is active in the new prison, and takes the new prison's default otherwise.
/// The review is a DPS review like any other: incentives.iep-review.inserted sends it to NOMIS.
/// </summary>
public sealed partial class IncentivePrisonerGrain
{
    private async Task OnPrisonerReceivedAsync(PrisonerReceivedEvent received)
    {
        RequirePrisonerKey();
        var reviewType = received.Reason switch
        {
            PrisonerReceivedEvent.NewAdmission => ReviewTypes.Initial,
            PrisonerReceivedEvent.Readmission => ReviewTypes.Readmission,
            PrisonerReceivedEvent.Transferred => ReviewTypes.Transfer,
            _ => null,
        };
        if (reviewType is null)
        {
            logger.LogInformation("{GrainType} {GrainKey}: received in {PrisonId} ({Reason}); no review is created for that reason", GrainTypeName, PrisonerNumber, received.PrisonId, received.Reason);
            return;
        }

        // The booking the review goes on: the latest in NOMIS (a failure is retried by the stream).
        if (await nomis.GetPrisonerAsync(PrisonerNumber) is not { } prisoner)
        {
            logger.LogWarning("{GrainType} {GrainKey}: received in {PrisonId}, but NOMIS has no such prisoner; no review created", GrainTypeName, PrisonerNumber, received.PrisonId);
            return;
        }

        var (level, comment) = await Db.ReadAsync(database, async db =>
        {
            if (reviewType == ReviewTypes.Transfer
                && await IncentiveReviews.LatestBookingAsync(db, PrisonerNumber) is { } latest
                && (await IncentiveReviews.ListByBookingAsync(db, latest.BookingId)).FirstOrDefault(r => r.Current) is { } current
                && (await ReviewLevels.ActiveInPrisonAsync(db, received.PrisonId)).Contains(current.LevelCode))
            {
                return (current.LevelCode, "Level transferred from previous establishment");
            }

            return (await ReviewLevels.DefaultOnAdmissionAsync(db, received.PrisonId),
                reviewType == ReviewTypes.Transfer ? "Level not active in this establishment; the default on admission is given" : "Default level on admission");
        });

        var reviewTime = LondonTime.Now(time);
        var row = new NewReview(PrisonerNumber, prisoner.BookingId, reviewTime, level, reviewType, comment, received.PrisonId, null, Current: true, DpsAuditModule, ReviewOrigins.Dps);
        long id;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            id = await IncentiveReviews.InsertAsync(Db.Of(unitOfWork), row);
            PublishReviewEvent(unitOfWork, IncentiveReviewEvent.Inserted, id, reason: null, reviewTime);
            await unitOfWork.CommitAsync();
        }

        logger.LogInformation("{GrainType} {GrainKey}: received in {PrisonId} ({Reason}); {ReviewType} review {ReviewId} at {Level} on booking {BookingId}",
            GrainTypeName, PrisonerNumber, received.PrisonId, received.Reason, reviewType, id, level, prisoner.BookingId);
    }
}
