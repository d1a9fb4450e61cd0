
namespace OrleansSync.Grains.Incentives;

/// <summary>
/// One migration run (key: its migration id). A durable reminder drives it a page of NOMIS ids at a
/// time, so a silo restart only pauses it; progress and failures are committed with each step.
/// </summary>
public interface IIncentiveMigrationGrain : IGrainWithStringKey
{
    /// <summary>Records the run and starts its reminder. Fails if another run is in progress (the database allows one).</summary>
    Task<IncentiveMigration> StartAsync(MigrationFilter filter, long? estimatedRecordCount);

    /// <summary>Stops the run after the step in progress; null if there is no such run.</summary>
    Task<IncentiveMigration?> CancelAsync();
}
