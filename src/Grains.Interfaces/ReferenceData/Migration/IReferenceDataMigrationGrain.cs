namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// One reference-data migration run (key: its id). A durable reminder drives it a step at a time (the global
/// levels, then one prison per step), each step committed with its checkpoint, so a restart only pauses it.
/// </summary>
public interface IReferenceDataMigrationGrain : IGrainWithStringKey
{
    /// <summary>Records the run and starts its reminder. Fails if another run is in progress (the database allows one).</summary>
    Task<ReferenceDataMigrationReport> StartAsync(ReferenceDataMigrationRequest request);
}
