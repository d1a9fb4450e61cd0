
namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Reconciliation reports: runs them on the configured cron schedule (a reminder) and on demand, and
/// answers for them. Key: <see cref="IncentiveGrainKeys.Domain"/>.
/// </summary>
public interface IIncentiveReconciliationsGrain : IGrainWithStringKey
{
    /// <summary>Registers (or re-times) the scheduled run from the configured schedule; called at silo start.</summary>
    Task EnsureScheduledAsync();

    /// <summary>Starts a report now.</summary>
    Task<IncentiveReconciliationReport> StartAsync(string trigger);

    /// <summary>The newest reports first, without their mismatches.</summary>
    Task<IReadOnlyList<IncentiveReconciliationReport>> ListAsync(int limit);

    Task<IncentiveReconciliationReport?> GetAsync(string reportId);
}
