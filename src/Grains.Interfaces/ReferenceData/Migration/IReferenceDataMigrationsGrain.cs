namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>Starts reference-data migrations from NOMIS (one at a time) and answers for them. Key: <see cref="Key"/>.</summary>
public interface IReferenceDataMigrationsGrain : IGrainWithStringKey
{
    public const string Key = "incentive-reference-data";

    /// <summary>Starts a run over the request's prisons and level codes, or answers with the run already in progress.</summary>
    Task<StartReferenceDataMigrationResult> StartAsync(ReferenceDataMigrationRequest request);

    /// <summary>Runs, newest first (reports without their item lists).</summary>
    Task<IReadOnlyList<ReferenceDataMigrationReport>> ListAsync(int limit);

    /// <summary>One run with its full report, or null.</summary>
    Task<ReferenceDataMigrationReport?> GetAsync(string migrationId);
}
