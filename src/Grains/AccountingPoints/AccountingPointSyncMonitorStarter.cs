using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Makes sure the sweeper's reminder exists: once the silo serves, asks the singleton sweeper to register
/// it (idempotent, so every silo may), retrying until it succeeds or the host stops.
/// </summary>
internal sealed class AccountingPointSyncMonitorStarter(IHostApplicationLifetime lifetime, IGrainFactory grains, ILogger<AccountingPointSyncMonitorStarter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IAccountingPointSyncMonitorGrain>(IAccountingPointSyncMonitorGrain.Key).StartAsync();
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not start the accounting point sync sweeper; retrying in {Delay}", RetryInterval);
                await Task.Delay(RetryInterval, stoppingToken);
            }
        }
    }
}
