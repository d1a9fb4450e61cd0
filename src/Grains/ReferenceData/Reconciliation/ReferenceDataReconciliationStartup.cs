using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.ReferenceData.Reconciliation;

/// <summary>Once the silo runs, makes sure the scheduled reference-data reconciliation's reminder exists and follows the configured schedule.</summary>
internal sealed class ReferenceDataReconciliationStartup(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<ReferenceDataReconciliationStartup> logger)
    : SiloStartupTask(lifetime, logger)
{
    protected override string Description => "Scheduling the reference-data reconciliation";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IReferenceDataReconciliationGrain>(IReferenceDataReconciliationGrain.Key).EnsureScheduledAsync();
}
