using OrleansSync.Api.Dashboard.Statistics;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// Reads the silos' cumulative snapshots every <see cref="DashboardOptions.SampleInterval"/> and turns
/// them into rates, recent percentiles and a short in-memory history, which the dashboard's endpoints
/// read (<see cref="CurrentAsync"/>) instead of querying per request. Rates come from differencing
/// each silo's consecutive snapshots, so a silo joining, leaving or restarting (a new silo id) never
/// shows as a negative or inflated cluster rate; a silo's first snapshot is only a baseline.
/// Stream backlog is read on demand, at most once per interval however many pages ask.
/// </summary>
public sealed class DashboardSampler
{
    public const string StatusDead = "dead";
    public const string StatusStopping = "stopping";
    public const string HealthHealthy = "healthy";
    public const string HealthStale = "stale";

    private readonly IClusterStatistics _statistics;
    private readonly DashboardOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sampling = new(1, 1);
    private readonly SemaphoreSlim _streamsReading = new(1, 1);
    private readonly Dictionary<Guid, SiloTrack> _tracks = [];
    private readonly Queue<ClusterPoint> _history = new();
    private DashboardState? _current;
    private StreamsReading? _streams;
    private bool _failing;

    public DashboardSampler(IClusterStatistics statistics, DashboardOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        _statistics = statistics;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public DashboardOptions Options => _options;

    /// <summary>The latest reading, or null before the first.</summary>
    public DashboardState? Current => Volatile.Read(ref _current);

    /// <summary>The latest reading, taking one now if there is none recent (the loop is not running yet, or is stuck).</summary>
    public async Task<DashboardState> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = Current;
        return current is not null && _time.GetUtcNow() - current.At < _options.SampleInterval * 2
            ? current
            : await SampleAsync(cancellationToken);
    }

    /// <summary>Reads the silos now and advances the rates and history.</summary>
    public async Task<DashboardState> SampleAsync(CancellationToken cancellationToken)
    {
        await _sampling.WaitAsync(cancellationToken);
        try
        {
            // A request that waited while the loop sampled uses that reading rather than taking another.
            var now = _time.GetUtcNow();
            if (_current is { } recent && now - recent.At < _options.SampleInterval / 2)
            {
                return recent;
            }

            var silos = await _statistics.SilosAsync(cancellationToken);
            var state = Advance(now, silos);
            Volatile.Write(ref _current, state);
            return state;
        }
        finally
        {
            _sampling.Release();
        }
    }

    /// <summary>Stream backlog per partition, read at most once per sample interval.</summary>
    public async Task<(DateTimeOffset At, IReadOnlyList<PartitionStreamView> Partitions)> StreamsAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _streams)) is { } fresh)
        {
            return (fresh.At, fresh.Partitions);
        }

        await _streamsReading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_streams) is { } read)
            {
                return (read.At, read.Partitions);
            }

            var at = _time.GetUtcNow();
            var partitions = await _statistics.StreamsAsync(cancellationToken);
            Volatile.Write(ref _streams, new StreamsReading(at, partitions));
            return (at, partitions);
        }
        finally
        {
            _streamsReading.Release();
        }

        StreamsReading? Fresh(StreamsReading? reading) =>
            reading is not null && _time.GetUtcNow() - reading.At < _options.SampleInterval ? reading : null;
    }

    /// <summary>Samples every interval until <paramref name="stopping"/>; a failed reading is logged (once per outage) and retried.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.SampleInterval, _time);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stopping);
                if (_failing)
                {
                    _failing = false;
                    _logger.LogInformation("Dashboard sampling recovered");
                }
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // Once per outage: a database that is down would otherwise log this every interval.
                if (!_failing)
                {
                    _failing = true;
                    _logger.LogWarning(error, "Dashboard sampling failed; retrying every {Interval}", _options.SampleInterval);
                }
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(stopping))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private DashboardState Advance(DateTimeOffset now, IReadOnlyList<SiloView> silos)
    {
        var samples = new List<SiloSample>(silos.Count);
        var siloHistory = new Dictionary<Guid, IReadOnlyList<SiloPoint>>(silos.Count);
        var buckets = new long[LatencyHistogram.UpperBoundsMs.Count];
        double calls = 0, errors = 0, events = 0, maxLag = 0;
        long activations = 0;
        foreach (var silo in silos)
        {
            if (!_tracks.TryGetValue(silo.SiloId, out var track))
            {
                track = new SiloTrack();
                _tracks[silo.SiloId] = track;
            }

            track.SeenAt = now;
            var statistics = silo.Statistics;
            if (statistics is not null)
            {
                if (track.Last is not null && statistics.At > track.Last.At)
                {
                    track.Rate = SiloRate.Between(track.Last, statistics);
                }

                if (track.Last is null || statistics.At > track.Last.At)
                {
                    track.Last = statistics;
                }
            }

            var health = HealthOf(silo, now);
            var counted = silo.Status != StatusDead && statistics is not null;
            var rate = health == HealthHealthy || health == StatusStopping ? track.Rate : SiloRate.None;
            samples.Add(new SiloSample(silo, rate, counted, health));
            if (counted)
            {
                calls += rate.CallsPerSecond;
                errors += rate.ErrorsPerSecond;
                events += rate.EventsPerSecond;
                SiloRate.Accumulate(buckets, rate.LatencyBuckets);
                activations += ActivationsOf(statistics!);
                maxLag = Math.Max(maxLag, statistics!.StreamLagSeconds.Values.DefaultIfEmpty(0).Max());
                track.Add(new SiloPoint(now, statistics.CpuPercent, statistics.WorkingSetBytes, statistics.GcHeapBytes, ActivationsOf(statistics), rate.CallsPerSecond), _options.HistoryPoints);
            }

            siloHistory[silo.SiloId] = track.Points();
        }

        // Silos the cluster stopped listing (dead for long) are forgotten once their history has aged out.
        foreach (var gone in _tracks.Where(t => now - t.Value.SeenAt > _options.History).Select(t => t.Key).ToList())
        {
            _tracks.Remove(gone);
        }

        _history.Enqueue(new ClusterPoint(
            now,
            Round(calls),
            Round(errors),
            calls > 0 ? Math.Round(errors / calls, 4) : 0,
            LatencyHistogram.Percentile(buckets, 0.5),
            LatencyHistogram.Percentile(buckets, 0.99),
            activations,
            Round(events),
            Math.Round(maxLag, 1)));
        while (_history.Count > _options.HistoryPoints)
        {
            _history.Dequeue();
        }

        return new DashboardState(now, samples, [.. _history], siloHistory);
    }

    /// <summary>healthy, stale (heartbeat or snapshot older than StaleAfter), stopping or dead.</summary>
    private string HealthOf(SiloView silo, DateTimeOffset now)
    {
        if (silo.Status is StatusDead or StatusStopping)
        {
            return silo.Status;
        }

        var heartbeatStale = now - silo.HeartbeatAt > _options.StaleAfter;

        // A silo that has not written its first snapshot yet (it writes one a couple of seconds after
        // starting) is not stale for that.
        var statisticsStale = silo.StatisticsAt is { } at ? now - at > _options.StaleAfter : now - silo.StartedAt > _options.StaleAfter;
        return heartbeatStale || statisticsStale ? HealthStale : HealthHealthy;
    }

    internal static long ActivationsOf(SiloStatistics statistics) => statistics.ActivationsByType.Values.Sum();

    internal static double Round(double value) => Math.Round(value, 2);

    /// <summary>What the sampler remembers of one silo between readings.</summary>
    private sealed class SiloTrack
    {
        private readonly Queue<SiloPoint> _points = new();

        public SiloStatistics? Last { get; set; }

        public SiloRate Rate { get; set; } = SiloRate.None;

        public DateTimeOffset SeenAt { get; set; }

        public void Add(SiloPoint point, int capacity)
        {
            _points.Enqueue(point);
            while (_points.Count > capacity)
            {
                _points.Dequeue();
            }
        }

        public IReadOnlyList<SiloPoint> Points() => [.. _points];
    }

    private sealed record StreamsReading(DateTimeOffset At, IReadOnlyList<PartitionStreamView> Partitions);
}
