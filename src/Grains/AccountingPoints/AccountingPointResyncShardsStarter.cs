using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Hosting;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Makes sure every resync shard's reminder exists: once the silo serves, asks each shard to register it; an
/// attempt that fails for some shards leaves only those for the next one.
/// </summary>
internal sealed class AccountingPointResyncShardsStarter(
    IHostApplicationLifetime lifetime,
    IGrainFactory grains,
    IOptions<AccountingPointsOptions> options,
    ILogger<AccountingPointResyncShardsStarter> logger) : SiloStartupTask(lifetime, logger)
{
    private List<int>? _pending;

    protected override string Description => $"Starting the accounting point resync shards ({_pending?.Count} left)";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        _pending ??= Enumerable.Range(0, options.Value.ResyncShards).ToList();
        var failures = new List<Exception>();
        foreach (var shard in _pending.ToList())
        {
            try
            {
                await grains.GetGrain<IAccountingPointResyncShardGrain>(shard).StartAsync();
                _pending.Remove(shard);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add(exception);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} resync shards could not be started.", failures);
        }
    }
}
