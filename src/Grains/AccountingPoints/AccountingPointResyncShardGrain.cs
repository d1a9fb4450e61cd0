using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// One resync shard (key: shard number). Its one reminder wakes it every ResyncShardInterval; each
/// tick reads a bounded batch of the shard's due points, oldest first, and asks each point's grain to
/// run what is due. The due times stay in accounting_point_sync until a sync of the point starts, so
/// a missed tick, a failed call or a crashed silo only delays a point to a later tick. Reads only;
/// every write is the point grain's.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class AccountingPointResyncShardGrain(
    NpgsqlDataSource dataSource,
    IOptions<AccountingPointsOptions> options,
    IOptions<ReminderOptions> reminderOptions,
    ILogger<AccountingPointResyncShardGrain> logger) : Grain, IAccountingPointResyncShardGrain, IRemindable
{
    public const string GrainTypeName = "accounting_points.resync_shard";

    public const string DispatchReminder = "dispatch";

    /// <summary>
    /// Points dispatched per tick; the next tick takes the rest. With 16 shards that is far above the
    /// default steady load (5000 points a day) and keeps a tick well within the reminder's period.
    /// </summary>
    private const int Batch = 200;

    /// <summary>Point syncs in flight per shard; the silo's limiter bounds the adapter calls anyway.</summary>
    private const int Parallelism = 4;

    private readonly AccountingPointsOptions _options = options.Value;

    private long Shard => this.GetPrimaryKeyLong();

    Task IAccountingPointResyncShardGrain.StartAsync()
    {
        var period = _options.ResyncShardInterval.AtLeastMinimum(reminderOptions.Value.MinimumReminderPeriod);
        return this.RegisterOrUpdateReminder(DispatchReminder, period, period);
    }

    Task<int> IAccountingPointResyncShardGrain.DispatchAsync() => DispatchAsync();

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DispatchReminder || Shard >= _options.ResyncShards)
        {
            // A shard beyond the configured count (it was lowered): its points are taken by the others.
            logger.LogInformation("{GrainType} {Shard} drops reminder {Reminder}", GrainTypeName, Shard, reminderName);
            await this.UnregisterReminderIfAnyAsync(reminderName);
            return;
        }

        await DispatchAsync();
    }

    private async Task<int> DispatchAsync()
    {
        var due = new List<string>();
        await using (var command = dataSource.CreateCommand(AccountingPointSql.Sync("DueInShard"))
            .With((short)Shard, (short)_options.ResyncShards, Batch, _options.BackgroundSync))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                due.Add(reader.GetString(0));
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // The loop's bodies run on the thread pool, outside this activation, where Grain.GrainFactory is not available.
        var grains = GrainFactory;
        var shard = Shard;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (gsrn, _) =>
        {
            try
            {
                await grains.GetGrain<IAccountingPointGrain>(gsrn).SyncDueAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "{GrainType} {Shard} could not dispatch accounting point {Gsrn}; it stays due for the next tick", GrainTypeName, shard, gsrn);
            }
        });

        logger.LogDebug("{GrainType} {Shard} dispatched {Count} due accounting points", GrainTypeName, Shard, due.Count);
        return due.Count;
    }
}
