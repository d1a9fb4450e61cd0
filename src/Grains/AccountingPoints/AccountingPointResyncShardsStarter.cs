using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Makes sure every resync shard's reminder exists: once the silo serves, asks each shard to register
/// it (idempotent, so every silo may), retrying until all succeeded or the host stops.
/// </summary>
internal sealed class AccountingPointResyncShardsStarter(
    IHostApplicationLifetime lifetime,
    IGrainFactory grains,
    IOptions<AccountingPointsOptions> options,
    ILogger<AccountingPointResyncShardsStarter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var pending = Enumerable.Range(0, options.Value.ResyncShards).ToList();
        while (pending.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            foreach (var shard in pending.ToList())
            {
                try
                {
                    await grains.GetGrain<IAccountingPointResyncShardGrain>(shard).StartAsync();
                    pending.Remove(shard);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(exception, "Could not start accounting point resync shard {Shard}; retrying in {Delay}", shard, RetryInterval);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(RetryInterval, stoppingToken);
            }
        }
    }
}
