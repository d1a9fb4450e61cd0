
namespace OrleansSync.Grains.Incentives;

/// <summary>
/// One prisoner's incentives (key: NOMS number). Every change to the prisoner's reviews, from DPS, from
/// NOMIS events, from a migration or a repair, is a turn of this grain, so they never race. It also
/// receives the prisoner's offender events and incentives domain events as stream messages.
/// </summary>
public interface IIncentivePrisonerGrain : IGrainWithStringKey
{
    /// <summary>Records a DPS review on the prisoner's latest booking, makes it current, and raises incentives.iep-review.inserted (which sends it to NOMIS).</summary>
    Task<CreateReviewResult> CreateReviewAsync(CreateIncentiveReview review);

    /// <summary>Migrates one NOMIS IEP of this prisoner as a MIGRATED review labelled with the migration id, raising no domain event; a mapped IEP is left alone.</summary>
    Task<MigrateIncentiveResult> MigrateAsync(string migrationId, NomisIncentive incentive);

    /// <summary>Re-sends the prisoner's current DPS review to NOMIS as a new IEP (no mapping is recorded).</summary>
    Task<RepairResult> RepairAsync();

    /// <summary>
    /// Sends one of the prisoner's DPS reviews to NOMIS unless it is there already (mapped, or written and
    /// waiting for its mapping): what an incentives.iep-review.inserted event asks for. Idempotent.
    /// </summary>
    Task SendReviewToNomisAsync(long reviewId);
}
