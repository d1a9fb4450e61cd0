
namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Read-only queries of the reviews, kept off the prisoner grains so that a read never waits behind a
/// sync turn that is talking to NOMIS. Keyed by what is read ("prisoner/A1234AA", "booking/123",
/// "review/12"), so reads spread over the cluster.
/// </summary>
public interface IIncentiveReviewReaderGrain : IGrainWithStringKey
{
    /// <summary>The current review of the prisoner's latest booking, or null when there is none.</summary>
    Task<IncentiveReviewSummary?> GetPrisonerSummaryAsync(string prisonerNumber, bool withDetails);

    /// <summary>The booking's current review, or null when there is none.</summary>
    Task<IncentiveReviewSummary?> GetBookingSummaryAsync(long bookingId, bool withDetails);

    Task<IncentiveReviewDetail?> GetReviewAsync(long id);

    /// <summary>Every review of the prisoner with its mapping and NOMIS write status, newest first.</summary>
    Task<PrisonerSyncStatus> GetSyncStatusAsync(string prisonerNumber);
}
