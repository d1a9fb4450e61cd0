using OrleansSync.Api.Dashboard.Statistics;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// Builds the endpoints' answers from a <see cref="DashboardState"/>. Every loop here runs over silos,
/// grain types, methods or partitions, never over grains, so the cost is the same with a hundred
/// grains or a hundred thousand.
/// </summary>
public static class DashboardViews
{
    public static OverviewView Overview(DashboardState state, DashboardOptions options, IReadOnlyList<PartitionStreamView> streams)
    {
        var counted = state.Silos.Where(s => s.Counted).ToList();
        var statistics = counted.Select(s => s.View.Statistics!).ToList();
        var latest = state.History.Count > 0 ? state.History[^1] : null;
        var totals = new ClusterTotals(
            state.Silos.Count(s => s.View.Status != DashboardSampler.StatusDead),
            state.Silos.Count(s => s.Health == DashboardSampler.HealthHealthy),
            state.Silos.Where(s => s.View.Status != DashboardSampler.StatusDead).Sum(s => s.View.Partitions),
            statistics.Sum(DashboardSampler.ActivationsOf),
            statistics.Sum(s => s.Methods.Sum(m => m.Calls)),
            statistics.Sum(s => s.Methods.Sum(m => m.Errors)),
            latest?.CallsPerSecond ?? 0,
            latest?.ErrorsPerSecond ?? 0,
            latest?.ErrorRate ?? 0,
            latest?.P50Ms ?? 0,
            latest?.P99Ms ?? 0,
            statistics.Sum(s => s.StreamDelivered),
            latest?.EventsPerSecond ?? 0,
            statistics.Sum(s => s.StreamFailedAttempts),
            DashboardSampler.Round(counted.Sum(s => s.Rate.FailedAttemptsPerSecond)),
            streams.Sum(p => p.Pending),
            streams.Sum(p => p.DeadLetters),
            streams.Sum(p => p.ProcessedLastMinute),
            Math.Round(Math.Max(latest?.MaxLagSeconds ?? 0, streams.Select(p => p.LagSeconds).DefaultIfEmpty(0).Max()), 1),
            statistics.Sum(s => s.RemindersDue),
            statistics.Sum(s => s.RemindersOverdue),
            statistics.Sum(s => s.RemindersDelivered));
        return new OverviewView(state.At, options.SampleInterval.TotalSeconds, totals, [.. state.Silos.Select(s => Summary(s, state.At))], state.History);
    }

    public static GrainsView Grains(DashboardState state)
    {
        var activations = new Dictionary<string, long>(StringComparer.Ordinal);
        var methods = new Dictionary<(string Type, string Method), MethodTotals>();
        foreach (var silo in state.Silos.Where(s => s.Counted))
        {
            var statistics = silo.View.Statistics!;
            foreach (var (type, count) in statistics.ActivationsByType)
            {
                activations[type] = activations.GetValueOrDefault(type) + count;
            }

            foreach (var method in statistics.Methods)
            {
                var key = (method.GrainType, method.Method);
                if (!methods.TryGetValue(key, out var totals))
                {
                    totals = new MethodTotals();
                    methods[key] = totals;
                }

                totals.Add(method, silo.Rate.Methods.GetValueOrDefault(key));
            }
        }

        var types = activations.Keys.Concat(methods.Keys.Select(k => k.Type)).Distinct(StringComparer.Ordinal).Select(type =>
        {
            var ofType = methods.Where(m => m.Key.Type == type).OrderBy(m => m.Key.Method, StringComparer.Ordinal).ToList();
            var all = new MethodTotals();
            foreach (var (_, totals) in ofType)
            {
                all.Add(totals);
            }

            return new GrainTypeView(
                type,
                activations.GetValueOrDefault(type),
                all.Calls,
                all.Errors,
                DashboardSampler.Round(all.CallsPerSecond),
                DashboardSampler.Round(all.ErrorsPerSecond),
                all.MeanMs,
                LatencyHistogram.Percentile(all.Buckets, 0.5),
                LatencyHistogram.Percentile(all.Buckets, 0.99),
                [.. ofType.Select(m => m.Value.ToView(m.Key.Method))]);
        });

        return new GrainsView(state.At, [.. types.OrderByDescending(t => t.Activations).ThenByDescending(t => t.Calls).ThenBy(t => t.GrainType, StringComparer.Ordinal)]);
    }

    public static SiloDetailView? Silo(DashboardState state, Guid siloId)
    {
        var silo = state.Silos.FirstOrDefault(s => s.View.SiloId == siloId);
        if (silo is null)
        {
            return null;
        }

        var statistics = silo.View.Statistics;
        return new SiloDetailView(
            state.At,
            Summary(silo, state.At),
            [.. (statistics?.ActivationsByType ?? new Dictionary<string, long>()).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new GrainTypeCount(p.Key, p.Value))],
            [.. (statistics?.StreamLagSeconds ?? new Dictionary<int, double>()).OrderBy(p => p.Key).Select(p => new PartitionLag(p.Key, Math.Round(p.Value, 1)))],
            statistics?.Methods.Sum(m => m.Calls) ?? 0,
            statistics?.Methods.Sum(m => m.Errors) ?? 0,
            statistics?.StreamDelivered ?? 0,
            statistics?.StreamFailedAttempts ?? 0,
            statistics?.RemindersDelivered ?? 0,
            state.SiloHistory.GetValueOrDefault(siloId) ?? []);
    }

    public static ReminderPage Reminders(DashboardState state, IReadOnlyList<ReminderView> page, long total, int limit)
    {
        var counted = state.Silos.Where(s => s.Counted).Select(s => s.View.Statistics!).ToList();
        var items = page.Select(r => new ReminderItem(r.GrainType, r.GrainKey, r.Name, r.Partition, r.Period.TotalSeconds, r.DueAt, Math.Round((r.DueAt - state.At).TotalSeconds, 1), r.Overdue)).ToList();
        return new ReminderPage(state.At, items, total, counted.Sum(s => s.RemindersDue), counted.Sum(s => s.RemindersOverdue),
            page.Count == limit ? ReminderCursor.Encode(page[^1]) : null);
    }

    public static StreamsView Streams(DashboardState state, IReadOnlyList<PartitionStreamView> partitions)
    {
        // Owners as the silos' snapshots report them: each silo publishes the lag of the partitions its agents pull.
        var owners = new Dictionary<int, SiloView>();
        foreach (var silo in state.Silos.Where(s => s.Counted && s.Health != DashboardSampler.HealthStale))
        {
            foreach (var partition in silo.View.Statistics!.StreamLagSeconds.Keys)
            {
                owners[partition] = silo.View;
            }
        }

        var counted = state.Silos.Where(s => s.Counted).ToList();
        var latest = state.History.Count > 0 ? state.History[^1] : null;
        var totals = new StreamTotals(
            partitions.Sum(p => p.Pending),
            partitions.Sum(p => p.DeadLetters),
            partitions.Sum(p => p.ProcessedLastMinute),
            Math.Round(partitions.Select(p => p.LagSeconds).DefaultIfEmpty(0).Max(), 1),
            latest?.EventsPerSecond ?? 0,
            DashboardSampler.Round(counted.Sum(s => s.Rate.FailedAttemptsPerSecond)),
            counted.Sum(s => s.View.Statistics!.StreamDelivered),
            counted.Sum(s => s.View.Statistics!.StreamFailedAttempts));
        var rows = partitions.Select(p =>
        {
            var owner = owners.GetValueOrDefault(p.Partition);
            return new StreamPartition(p.Partition, owner?.SiloId, owner?.HostName, p.Pending, Math.Round(p.LagSeconds, 1), p.DeadLetters, p.ProcessedLastMinute);
        });
        return new StreamsView(state.At, totals, [.. rows.OrderBy(p => p.Partition)], state.History);
    }

    public static DeadLetterSummary Summary(DeadLetter letter) =>
        new(letter.Id, letter.Namespace, letter.Key, letter.Subscriber, letter.MessageId, letter.AppendedAt, letter.Attempts, Shorten(letter.LastError), letter.DeadAt);

    private static SiloSummary Summary(SiloSample sample, DateTimeOffset at)
    {
        var silo = sample.View;
        var statistics = silo.Statistics;
        return new SiloSummary(
            silo.SiloId,
            silo.Address,
            silo.HostName,
            silo.Status,
            sample.Health,
            silo.StartedAt,
            Seconds(at - silo.StartedAt),
            silo.HeartbeatAt,
            Seconds(at - silo.HeartbeatAt),
            silo.StatisticsAt is { } statisticsAt ? Seconds(at - statisticsAt) : null,
            silo.Partitions,
            statistics is null ? 0 : DashboardSampler.ActivationsOf(statistics),
            statistics?.CpuPercent ?? 0,
            statistics?.WorkingSetBytes ?? 0,
            statistics?.GcHeapBytes ?? 0,
            DashboardSampler.Round(sample.Rate.CallsPerSecond),
            DashboardSampler.Round(sample.Rate.ErrorsPerSecond),
            DashboardSampler.Round(sample.Rate.EventsPerSecond),
            statistics?.RemindersDue ?? 0,
            statistics?.RemindersOverdue ?? 0);
    }

    // Clocks of the database and of this process differ by a little; an age is never shown negative.
    private static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 1);

    /// <summary>Errors can carry whole stack traces; the list shows their start.</summary>
    private static string? Shorten(string? error) => error is { Length: > 1000 } ? error[..1000] + "…" : error;

    private sealed class MethodTotals
    {
        public long Calls { get; private set; }

        public long Errors { get; private set; }

        public double TotalMilliseconds { get; private set; }

        public double CallsPerSecond { get; private set; }

        public double ErrorsPerSecond { get; private set; }

        public long[] Buckets { get; } = new long[LatencyHistogram.UpperBoundsMs.Count];

        public long[] RecentBuckets { get; } = new long[LatencyHistogram.UpperBoundsMs.Count];

        public double MeanMs => Calls > 0 ? Math.Round(TotalMilliseconds / Calls, 2) : 0;

        public void Add(MethodStatistics method, MethodRate? rate)
        {
            Calls += method.Calls;
            Errors += method.Errors;
            TotalMilliseconds += method.TotalMilliseconds;
            SiloRate.Accumulate(Buckets, method.LatencyBuckets);
            if (rate is not null)
            {
                CallsPerSecond += rate.CallsPerSecond;
                ErrorsPerSecond += rate.ErrorsPerSecond;
                SiloRate.Accumulate(RecentBuckets, rate.LatencyBuckets);
            }
        }

        public void Add(MethodTotals other)
        {
            Calls += other.Calls;
            Errors += other.Errors;
            TotalMilliseconds += other.TotalMilliseconds;
            CallsPerSecond += other.CallsPerSecond;
            ErrorsPerSecond += other.ErrorsPerSecond;
            SiloRate.Accumulate(Buckets, other.Buckets);
            SiloRate.Accumulate(RecentBuckets, other.RecentBuckets);
        }

        public GrainMethodView ToView(string method) => new(
            method,
            Calls,
            Errors,
            DashboardSampler.Round(CallsPerSecond),
            DashboardSampler.Round(ErrorsPerSecond),
            MeanMs,
            LatencyHistogram.Percentile(Buckets, 0.5),
            LatencyHistogram.Percentile(Buckets, 0.99),
            RecentBuckets.Sum() > 0 ? LatencyHistogram.Percentile(RecentBuckets, 0.99) : null);
    }
}
