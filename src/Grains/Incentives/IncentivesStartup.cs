using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Once the silo runs, makes sure the scheduled reconciliation's reminder exists and follows the
/// configured schedule. Every silo asks; the grain makes it idempotent. Retries until it succeeds.
/// </summary>
internal sealed class IncentivesStartup(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<IncentivesStartup> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IIncentiveReconciliationsGrain>(IncentiveGrainKeys.Domain).EnsureScheduledAsync();
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The scheduled incentives reconciliation could not be registered; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }
}
