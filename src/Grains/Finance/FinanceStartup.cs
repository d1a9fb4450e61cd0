using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// Once the silo runs: wakes the workbook's writer (it brings the file up to the tables), and with the push
/// on, registers the reconciliation's reminder and sends every account the interim solution was not sent,
/// which is how switching the push on after the spreadsheet phase delivers the existing accounts, each once.
/// </summary>
internal sealed class FinanceStartup(IGrainFactory grains, IOptions<FinanceOptions> options, IHostApplicationLifetime lifetime, ILogger<FinanceStartup> logger)
    : SiloStartupTask(lifetime, logger)
{
    protected override string Description => "Finance start-up (workbook, push backlog)";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WritesSpreadsheet)
        {
            await grains.GetGrain<IFinanceSpreadsheetGrain>(IFinanceSpreadsheetGrain.Key).GetStatusAsync();
        }

        var reconciliation = grains.GetGrain<IFinanceReconciliationGrain>(IFinanceReconciliationGrain.Key);
        await reconciliation.EnsureScheduledAsync();
        await reconciliation.PushPendingAsync();
    }
}
