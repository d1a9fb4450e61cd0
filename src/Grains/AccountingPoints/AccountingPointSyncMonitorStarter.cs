using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>Makes sure the sweeper's reminder exists: once the silo serves, asks the singleton sweeper to register it.</summary>
internal sealed class AccountingPointSyncMonitorStarter(IHostApplicationLifetime lifetime, IGrainFactory grains, ILogger<AccountingPointSyncMonitorStarter> logger)
    : SiloStartupTask(lifetime, logger)
{
    protected override string Description => "Starting the accounting point sync sweeper";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IAccountingPointSyncMonitorGrain>(IAccountingPointSyncMonitorGrain.Key).StartAsync();
}
