using OrleansSync.Runtime.Diagnostics;
using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Cluster;

/// <summary>
/// Membership and partition leases. Every renewal interval the silo heartbeats, renews what it
/// holds, notices what it lost, takes over every expired partition (its holder died: serving it
/// now matters more than balance), and moves towards its fair share (the partition count divided
/// by live silos, rounded up): it acquires free partitions, or hands surplus back gracefully so
/// that a joining silo can take it.
/// </summary>
public sealed class PartitionLeases(
    NpgsqlDataSource dataSource,
    SiloIdentity silo,
    OwnedPartitions owned,
    RuntimeOptions options,
    RuntimeMetrics metrics,
    TimeProvider time,
    ILogger<PartitionLeases> logger)
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _lastRenewal;
    private volatile bool _suspended;

    public int PartitionCount { get; private set; }

    /// <summary>Creates the cluster rows if needed, registers this silo and takes the first share of partitions.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReadClusterAsync(cancellationToken);
        await Execute(RuntimeSql.Cluster("RegisterSilo"), cancellationToken, silo.Id, silo.Address, Environment.MachineName);
        logger.LogInformation("Silo {SiloId} joined at {Address}", silo.Id, silo.Address);
        await TickAsync(cancellationToken);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Creates the cluster and lease rows if needed and reads the partition count (clients need nothing more).</summary>
    public async Task ReadClusterAsync(CancellationToken cancellationToken)
    {
        await Execute(RuntimeSql.Cluster("InitCluster"), cancellationToken, options.PartitionCount);
        await using (var command = dataSource.CreateCommand(RuntimeSql.Cluster("PartitionCount")))
        {
            PartitionCount = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        if (PartitionCount != options.PartitionCount)
        {
            logger.LogInformation("The cluster was created with {PartitionCount} partitions; Runtime:PartitionCount {Configured} applies only to a new cluster", PartitionCount, options.PartitionCount);
        }

        await Execute(RuntimeSql.Cluster("CreateLeases"), cancellationToken, PartitionCount);
    }

    /// <summary>Hands every partition back gracefully (work finished, grains deactivated) and leaves the cluster.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
        await Execute(RuntimeSql.Cluster("MarkSiloStatus"), cancellationToken, silo.Id, "stopping");
        foreach (var (partition, epoch) in owned.EpochSnapshot())
        {
            await ReleaseAsync(partition, epoch, cancellationToken);
        }

        await Execute(RuntimeSql.Cluster("MarkSiloStatus"), cancellationToken, silo.Id, "dead");
        logger.LogInformation("Silo {SiloId} left the cluster", silo.Id);
    }

    /// <summary>
    /// Test hook: stops heartbeats and renewals without telling anyone, as a paused process would.
    /// The silo keeps believing it owns its partitions; fencing must stop its writes.
    /// </summary>
    internal void SuspendForTesting() => _suspended = true;

    internal void ResumeForTesting() => _suspended = false;

    private async Task RunAsync()
    {
        var interval = options.EffectiveLeaseRenewInterval;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_suspended)
            {
                continue;
            }

            try
            {
                await TickAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Lease renewal failed for silo {SiloId}", silo.Id);
                await DropAllIfUnrenewedAsync();
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await Execute(RuntimeSql.Cluster("Heartbeat"), cancellationToken, silo.Id);
        await Execute(RuntimeSql.Cluster("DeclareDeadSilos"), cancellationToken, options.SiloDeadAfter);

        long liveSilos;
        // For the fair share a silo counts while its heartbeat is younger than a lease: one that
        // missed that many heartbeats has lost its leases too, so the survivors' shares grow in
        // step with the takeover instead of leaving partitions free until it is declared dead.
        await using (var count = dataSource.CreateCommand(RuntimeSql.Cluster("CountLiveSilos")).With(options.LeaseDuration))
        {
            liveSilos = Math.Max(1, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
        }

        var renewed = await ReadLeases(RuntimeSql.Leases("RenewLeases"), cancellationToken, silo.Id, options.LeaseDuration, owned.Snapshot());
        Interlocked.Exchange(ref _lastRenewal, time.GetTimestamp());
        foreach (var (partition, epoch) in owned.EpochSnapshot())
        {
            if (!renewed.TryGetValue(partition, out var current) || current != epoch)
            {
                logger.LogWarning("Silo {SiloId} lost partition {Partition} (epoch {Epoch})", silo.Id, partition, epoch);
                metrics.LeaseMoved("lost");
                await owned.RemoveAsync(partition, epoch);
            }
        }

        var taken = await ReadLeases(RuntimeSql.Leases("AcquireExpiredLeases"), cancellationToken, silo.Id, options.LeaseDuration);
        foreach (var (partition, epoch) in taken.OrderBy(p => p.Key))
        {
            metrics.LeaseMoved("taken-over");
            owned.Add(partition, epoch);
        }

        if (taken.Count > 0)
        {
            logger.LogWarning("Silo {SiloId} took over {Count} expired partitions", silo.Id, taken.Count);
        }

        var fairShare = (int)Math.Ceiling(PartitionCount / (double)liveSilos);
        var surplus = owned.Count - fairShare;
        if (surplus < 0)
        {
            var acquired = await ReadLeases(RuntimeSql.Leases("AcquireFreeLeases"), cancellationToken, silo.Id, options.LeaseDuration, -surplus);
            foreach (var (partition, epoch) in acquired.OrderBy(p => p.Key))
            {
                metrics.LeaseMoved("acquired");
                owned.Add(partition, epoch);
            }

            if (acquired.Count > 0)
            {
                logger.LogInformation("Silo {SiloId} acquired {Count} partitions; holds {Held} of fair share {FairShare}", silo.Id, acquired.Count, owned.Count, fairShare);
            }
        }
        else if (surplus > 0 && taken.Count == 0)
        {
            foreach (var (partition, epoch) in owned.EpochSnapshot().OrderByDescending(p => p.Key).Take(surplus))
            {
                await ReleaseAsync(partition, epoch, cancellationToken);
            }

            logger.LogInformation("Silo {SiloId} handed back {Count} partitions to rebalance over {Silos} silos", silo.Id, surplus, liveSilos);
        }
    }

    /// <summary>Stops the partition's work locally first, then frees the row: until then nobody else can take it.</summary>
    private async Task ReleaseAsync(int partition, long epoch, CancellationToken cancellationToken)
    {
        await owned.RemoveAsync(partition, epoch);
        await Execute(RuntimeSql.Leases("ReleaseLease"), cancellationToken, partition, silo.Id, epoch);
        metrics.LeaseMoved("released");
    }

    /// <summary>
    /// Past the lease duration without a renewal another silo may own our partitions, so stop
    /// serving them. Fencing already refuses their writes; this stops wasted work.
    /// </summary>
    private async Task DropAllIfUnrenewedAsync()
    {
        if (time.GetElapsedTime(Interlocked.Read(ref _lastRenewal)) < options.LeaseDuration - options.EffectiveLeaseRenewInterval)
        {
            return;
        }

        foreach (var (partition, epoch) in owned.EpochSnapshot())
        {
            metrics.LeaseMoved("expired");
            await owned.RemoveAsync(partition, epoch);
        }
    }

    private async Task Execute(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql).With(values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Dictionary<int, long>> ReadLeases(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql).With(values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leases = new Dictionary<int, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            leases[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return leases;
    }
}
