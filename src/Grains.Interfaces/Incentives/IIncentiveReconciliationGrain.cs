
namespace OrleansSync.Grains.Incentives;

/// <summary>One reconciliation report (key: its id), driven a page of active NOMIS prisoners at a time by a reminder.</summary>
public interface IIncentiveReconciliationGrain : IGrainWithStringKey
{
    Task<IncentiveReconciliationReport> StartAsync(string trigger);
}
