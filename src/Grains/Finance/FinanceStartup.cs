using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// Once the silo runs: wakes the workbook's writer (it brings the file up to the tables), and with the push
/// on, registers the reconciliation's reminder and sends every account the interim solution was not sent,
/// which is how switching the push on after the spreadsheet phase delivers the existing accounts, each once.
/// Every silo asks; the grains make it idempotent. Retries until it succeeds.
/// </summary>
internal sealed class FinanceStartup(IGrainFactory grains, IOptions<FinanceOptions> options, IHostApplicationLifetime lifetime, ILogger<FinanceStartup> logger)
    : BackgroundService
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
                if (options.Value.WritesSpreadsheet)
                {
                    await grains.GetGrain<IFinanceSpreadsheetGrain>(IFinanceSpreadsheetGrain.Key).GetStatusAsync();
                }

                var reconciliation = grains.GetGrain<IFinanceReconciliationGrain>(IFinanceReconciliationGrain.Key);
                await reconciliation.EnsureScheduledAsync();
                await reconciliation.PushPendingAsync();
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Finance start-up (workbook, push backlog) did not complete; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }
}
