using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>
/// The cluster's figures from what Orleans and the stream provider offer: membership, activations
/// per grain type and CPU/memory from Orleans' management grain; stream backlog and dead letters per
/// queue from the provider's tables; per-method calls (<see cref="GrainCallRecorder"/>) and messages
/// handled (<see cref="StreamMetrics"/>) of this silo when the API is co-hosted in one: other silos
/// keep theirs in their own process. Reminders are not listed here: the Orleans Dashboard lists them.
/// </summary>
public sealed class OrleansClusterStatistics(IGrainFactory grains, StreamStatistics streams, StreamQueueMap queues, TimeProvider time, IServiceProvider services) : IClusterStatistics
{
    public async Task<IReadOnlyList<SiloView>> SilosAsync(CancellationToken cancellationToken = default)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var members = await management.GetDetailedHosts(onlyActive: false);
        var active = members.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress).ToArray();
        var runtime = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var byType = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active);
        var statisticsOf = active.Zip(runtime).ToDictionary(pair => pair.First, pair => pair.Second);
        var local = services.GetService<ILocalSiloDetails>()?.SiloAddress;
        var now = time.GetUtcNow();
        return [.. members.Select(member =>
        {
            var heartbeat = new DateTimeOffset(DateTime.SpecifyKind(member.IAmAliveTime, DateTimeKind.Utc));
            SiloStatistics? statistics = null;
            DateTimeOffset? statisticsAt = null;
            if (statisticsOf.TryGetValue(member.SiloAddress, out var silo))
            {
                // It just answered: that is a fresher sign of life than the membership table's.
                statisticsAt = now;
                heartbeat = now;
                statistics = new SiloStatistics(
                    now,
                    byType.Where(s => s.SiloAddress.Equals(member.SiloAddress)).ToDictionary(s => s.GrainType, s => (long)s.ActivationCount, StringComparer.Ordinal),
                    member.SiloAddress.Equals(local) ? services.GetService<GrainCallRecorder>()?.Snapshot() ?? [] : [],
                    Math.Round(silo.EnvironmentStatistics.FilteredCpuUsagePercentage, 1),
                    silo.EnvironmentStatistics.FilteredMemoryUsageBytes,
                    GC.GetTotalMemory(false),
                    0,
                    new Dictionary<int, double>(),
                    member.SiloAddress.Equals(local) ? services.GetService<StreamMetrics>()?.HandledTotal ?? 0 : 0,
                    0,
                    0,
                    0,
                    0);
            }

            return new SiloView(
                SiloIds.Of(member.SiloAddress),
                member.SiloAddress.Endpoint.ToString(),
                member.HostName,
                new DateTimeOffset(DateTime.SpecifyKind(member.StartTime, DateTimeKind.Utc)),
                heartbeat,
                StatusOf(member.Status),
                0,
                statisticsAt,
                statistics);
        })];
    }

    public Task<(IReadOnlyList<ReminderView> Page, long Total)> RemindersAsync(ReminderView? after, int limit, CancellationToken cancellationToken = default) =>
        // The Orleans Dashboard lists reminders (/dashboard/orleans); reading orleans_reminder here is a next step.
        Task.FromResult<(IReadOnlyList<ReminderView>, long)>(([], 0));

    public async Task<IReadOnlyList<PartitionStreamView>> StreamsAsync(CancellationToken cancellationToken = default)
    {
        var views = new Dictionary<int, PartitionStreamView>();
        foreach (var queue in await streams.BacklogAsync(cancellationToken))
        {
            views[queue.Queue] = new PartitionStreamView(queue.Queue, queue.Pending, queue.LagSeconds, 0, 0);
        }

        foreach (var (streamNamespace, key, count) in await streams.DeadLettersByStreamAsync(cancellationToken))
        {
            var queue = queues.QueueOf(streamNamespace, key);
            var view = views.GetValueOrDefault(queue) ?? new PartitionStreamView(queue, 0, 0, 0, 0);
            views[queue] = view with { DeadLetters = view.DeadLetters + count };
        }

        foreach (var (queue, processed) in await streams.DeliveredLastMinuteAsync(cancellationToken))
        {
            var view = views.GetValueOrDefault(queue) ?? new PartitionStreamView(queue, 0, 0, 0, 0);
            views[queue] = view with { ProcessedLastMinute = processed };
        }

        return [.. views.Values.OrderBy(view => view.Partition)];
    }

    private static string StatusOf(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Dead => DashboardSampler.StatusDead,
        SiloStatus.ShuttingDown or SiloStatus.Stopping => DashboardSampler.StatusStopping,
        _ => "joining",
    };
}
