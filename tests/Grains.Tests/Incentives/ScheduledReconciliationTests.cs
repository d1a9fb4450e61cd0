using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.Incentives;

public sealed class ScheduledReconciliationTests
{
    [Fact]
    public async Task The_scheduled_reconciliation_runs_when_its_cron_schedule_comes_round()
    {
        // Every minute, so the test waits at most one; the production default is weekly.
        await using var host = await IncentivesHost.StartAsync(nameof(ScheduledReconciliationTests), new Dictionary<string, string?>
        {
            ["Incentives:Reconciliation:Schedule"] = "* * * * *",
        });
        var reconciliations = host.Grains.GetGrain<IIncentiveReconciliationsGrain>(IncentiveGrainKeys.Domain);

        await Eventually.TrueAsync(async () => (await reconciliations.ListAsync(10)).Any(r => r.Trigger == IncentiveReconciliationReport.Scheduled && r.Status == IncentiveReconciliationReport.Completed),
            TimeSpan.FromSeconds(90), "a scheduled reconciliation to run and complete");
    }
}
