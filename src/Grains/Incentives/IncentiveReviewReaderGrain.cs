using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Answers reads of the DPS reviews from committed rows, beside the prisoner grains rather than through
/// them, so that a read never queues behind a sync turn that is waiting for NOMIS.
/// </summary>
[GrainType("incentives.review-reader")]
public sealed class IncentiveReviewReaderGrain(NpgsqlDataSource database, TimeProvider time) : Grain, IIncentiveReviewReaderGrain
{
    Task<IncentiveReviewSummary?> IIncentiveReviewReaderGrain.GetPrisonerSummaryAsync(string prisonerNumber, bool withDetails) =>
        Db.ReadAsync(database, async db => await IncentiveReviews.LatestBookingAsync(db, prisonerNumber) is { } latest
            ? await IncentiveReviews.SummaryAsync(db, latest.BookingId, withDetails, LondonTime.Today(time))
            : null);

    Task<IncentiveReviewSummary?> IIncentiveReviewReaderGrain.GetBookingSummaryAsync(long bookingId, bool withDetails) =>
        Db.ReadAsync(database, db => IncentiveReviews.SummaryAsync(db, bookingId, withDetails, LondonTime.Today(time)));

    async Task<IncentiveReviewDetail?> IIncentiveReviewReaderGrain.GetReviewAsync(long id) =>
        (await Db.ReadAsync(database, db => IncentiveReviews.GetAsync(db, id)))?.ToDetail();

    async Task<PrisonerSyncStatus> IIncentiveReviewReaderGrain.GetSyncStatusAsync(string prisonerNumber) =>
        new(prisonerNumber, await Db.ReadAsync(database, db => IncentiveReviews.SyncStatusAsync(db, prisonerNumber)));
}
