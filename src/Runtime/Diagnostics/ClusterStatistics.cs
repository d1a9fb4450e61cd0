using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Diagnostics;

/// <summary>
/// Reads the cluster's membership, leases, statistics snapshots, reminders and stream backlog, and
/// writes this silo's own snapshot (see <see cref="WriteSnapshotAsync"/>) for the others to read.
/// </summary>
internal sealed class ClusterStatistics(SiloRuntime runtime) : IClusterStatistics
{
    public const int MaxReminderPage = 1000;

    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastCpuAt = Stopwatch.GetTimestamp();

    public async Task<IReadOnlyList<SiloView>> SilosAsync(CancellationToken cancellationToken = default)
    {
        await using var command = runtime.DataSource.CreateCommand(RuntimeSql.Cluster("ClusterStats"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var silos = new List<SiloView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            silos.Add(new SiloView(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5),
                (int)reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<SiloStatistics>(reader.GetString(8), RuntimeJson.Options)));
        }

        return silos;
    }

    public async Task<(IReadOnlyList<ReminderView> Page, long Total)> RemindersAsync(ReminderView? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxReminderPage);
        var page = new List<ReminderView>();
        await using (var command = runtime.DataSource.CreateCommand(RuntimeSql.Reminders("ListReminders"))
            .With(after?.DueAt, after?.GrainType, after?.GrainKey, after?.Name, runtime.Options.ReminderPollInterval + TimeSpan.FromSeconds(1), limit))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                page.Add(new ReminderView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetTimeSpan(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6)));
            }
        }

        await using var count = runtime.DataSource.CreateCommand(RuntimeSql.Reminders("CountReminders"));
        return (page, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<IReadOnlyList<PartitionStreamView>> StreamsAsync(CancellationToken cancellationToken = default)
    {
        var views = new Dictionary<int, PartitionStreamView>();
        await using (var command = runtime.DataSource.CreateCommand(RuntimeSql.Streams("StreamStats")))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var partition = reader.GetInt32(0);
                views[partition] = new PartitionStreamView(partition, reader.GetInt64(1), reader.IsDBNull(2) ? 0 : (double)reader.GetDecimal(2), reader.GetInt64(3), 0);
            }
        }

        await using (var command = runtime.DataSource.CreateCommand(RuntimeSql.Streams("ProcessedSince")).With(TimeSpan.FromMinutes(1)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var partition = reader.GetInt32(0);
                var processed = reader.GetInt64(1);
                views[partition] = views.TryGetValue(partition, out var view) ? view with { ProcessedLastMinute = processed } : new PartitionStreamView(partition, 0, 0, 0, processed);
            }
        }

        return [.. views.Values.OrderBy(v => v.Partition)];
    }

    /// <summary>Publishes this silo's figures for the rest of the cluster.</summary>
    public async Task WriteSnapshotAsync(CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var elapsed = Stopwatch.GetElapsedTime(_lastCpuAt);
        var cpuPercent = elapsed > TimeSpan.Zero ? (cpu - _lastCpu) / elapsed / Environment.ProcessorCount * 100 : 0;
        _lastCpu = cpu;
        _lastCpuAt = Stopwatch.GetTimestamp();

        var metrics = runtime.Metrics;
        var snapshot = new SiloStatistics(
            runtime.Time.GetUtcNow(),
            metrics.ActivationsByType.Where(p => p.Value > 0).ToDictionary(),
            metrics.Calls.Snapshot(),
            Math.Round(cpuPercent, 1),
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            runtime.Owned.Count,
            metrics.StreamLagByPartition.ToDictionary(),
            metrics.StreamDeliveredTotal,
            metrics.StreamFailedTotal,
            metrics.RemindersDeliveredTotal,
            metrics.RemindersDue,
            metrics.RemindersOverdue);
        await using var command = runtime.DataSource.CreateCommand(RuntimeSql.Cluster("UpsertSiloStats")).With(runtime.Silo.Id, JsonSerializer.Serialize(snapshot, RuntimeJson.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
