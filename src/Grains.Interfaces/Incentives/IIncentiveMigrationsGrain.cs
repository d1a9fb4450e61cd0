
namespace OrleansSync.Grains.Incentives;

/// <summary>Starts incentive migrations (one at a time) and answers for their history. Key: <see cref="IncentiveGrainKeys.Domain"/>.</summary>
public interface IIncentiveMigrationsGrain : IGrainWithStringKey
{
    /// <summary>Starts a run over the NOMIS IEPs the filter selects, or answers with the run already in progress.</summary>
    Task<StartMigrationResult> StartAsync(MigrationFilter filter);

    Task<IReadOnlyList<IncentiveMigration>> GetHistoryAsync(MigrationHistoryQuery query);

    Task<IncentiveMigration?> GetAsync(string migrationId);

    /// <summary>The run's failed records in NOMIS key order, a page at a time.</summary>
    Task<IReadOnlyList<IncentiveMigrationFailure>> GetFailuresAsync(string migrationId, int offset, int limit);
}
