namespace OrleansSync.Grains.Finance;

/// <summary>Compares every account with the interim finance solution and repairs what differs (key <see cref="Key"/>); on demand and on a schedule.</summary>
public interface IFinanceReconciliationGrain : IGrainWithStringKey
{
    public const string Key = "finance";

    Task<FinanceReconciliationReport> ReconcileAsync(string trigger, bool repair);

    Task<FinanceReconciliationReport?> GetLastAsync();

    /// <summary>Pushes every account whose current version the interim solution was not sent (the switch to push: each once); returns how many were pushed.</summary>
    Task<int> PushPendingAsync();

    /// <summary>Registers (or, with the push off, removes) the schedule's reminder.</summary>
    Task EnsureScheduledAsync();
}
