namespace OrleansSync.Grains.ReferenceData;

/// <summary>Reconciliation of the incentive reference data, hub against NOMIS (one grain, key <see cref="Key"/>): on demand and on a schedule.</summary>
public interface IReferenceDataReconciliationGrain : IGrainWithStringKey
{
    public const string Key = "incentive-reference-data";

    /// <summary>Compares every level and every prison level the hub holds with NOMIS; with <paramref name="repair"/>, pushes each mismatch again. The report is persisted.</summary>
    Task<ReferenceDataReconciliationReport> RunAsync(bool repair);

    /// <summary>The last persisted report (scheduled or on demand), or null when none ever ran.</summary>
    Task<ReferenceDataReconciliationReport?> GetLastAsync();

    /// <summary>Makes the scheduled run's reminder follow ReferenceData:Reconciliation:Schedule (or removes it when the schedule is off). Idempotent.</summary>
    Task EnsureScheduledAsync();
}
