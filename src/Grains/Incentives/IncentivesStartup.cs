using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.Incentives;

/// <summary>Once the silo runs, makes sure the scheduled reconciliation's reminder exists and follows the configured schedule.</summary>
internal sealed class IncentivesStartup(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<IncentivesStartup> logger)
    : SiloStartupTask(lifetime, logger)
{
    protected override string Description => "Scheduling the incentives reconciliation";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IIncentiveReconciliationsGrain>(IncentiveGrainKeys.Domain).EnsureScheduledAsync();
}
