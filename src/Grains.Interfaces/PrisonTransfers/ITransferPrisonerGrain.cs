namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// One prisoner's CAS2 applications (key: NOMS number). Every write to them, from the API (create,
/// submit) or from the prisoner's domain events (moves, POM allocations, merges), is a turn of this
/// grain, so they never race.
/// </summary>
public interface ITransferPrisonerGrain : IGrainWithStringKey
{
    /// <summary>Creates an application IN_PROGRESS; the same id again returns it unchanged.</summary>
    Task<Cas2CommandResult> CreateApplicationAsync(NewCas2Application application);

    /// <summary>Submits the application; its first assignment is the referring prison with the creator as POM. Idempotent.</summary>
    Task<Cas2CommandResult> SubmitApplicationAsync(Guid applicationId);

    /// <summary>
    /// A merge: moves this (removed) prisoner's applications, with their assignments, to <paramref name="nomsNumber"/>.
    /// Returns how many moved; a second call moves none.
    /// </summary>
    Task<int> HandOverApplicationsAsync(string nomsNumber);
}
