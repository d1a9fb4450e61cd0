namespace OrleansSync.Grains.ReferenceData;

/// <summary>Reconciliation of the incentive reference data, hub against NOMIS (one grain, key <see cref="Key"/>).</summary>
public interface IReferenceDataReconciliationGrain : IGrainWithStringKey
{
    public const string Key = "incentive-reference-data";

    /// <summary>Compares every level and every prison level the hub holds with NOMIS; with <paramref name="repair"/>, pushes each mismatch again.</summary>
    Task<ReferenceDataReconciliationReport> RunAsync(bool repair);

    /// <summary>The last report of this activation, or null when none ran since.</summary>
    Task<ReferenceDataReconciliationReport?> GetLastAsync();
}
