using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.ReferenceData.Reconciliation;

/// <summary>
/// Once the silo runs, makes sure the scheduled reference-data reconciliation's reminder exists and follows the
/// configured schedule. Every silo asks; the grain makes it idempotent. Retries until it succeeds.
/// </summary>
internal sealed class ReferenceDataReconciliationStartup(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<ReferenceDataReconciliationStartup> logger) : BackgroundService
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
                await grains.GetGrain<IReferenceDataReconciliationGrain>(IReferenceDataReconciliationGrain.Key).EnsureScheduledAsync();
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The scheduled reference-data reconciliation could not be registered; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }
}
