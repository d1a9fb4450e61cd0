using System.Diagnostics.Metrics;
using OrleansSync.Grains.Hosting;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Silo;

/// <summary>
/// Meter "OrleansSync.Streams.Backlog": the stream provider's backlog as gauges, read from its tables
/// every <see cref="RefreshInterval"/> rather than on each scrape (a scrape must not wait on the
/// database, and observable callbacks cannot): <c>orleanssync.streams.pending</c> (messages appended
/// and not yet delivered), <c>orleanssync.streams.lag</c> (age of the oldest of them, in seconds) and
/// <c>orleanssync.streams.dead_letters</c> (open dead letters). The figures are the cluster's, the same
/// on every host: aggregate them with max, not sum.
/// </summary>
internal sealed class StreamBacklogMetrics : BackgroundService
{
    public const string MeterName = "OrleansSync.Streams.Backlog";

    /// <summary>Fresh enough for a 15-30 s scrape interval; three small queries per interval.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly StreamStatistics _statistics;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<StreamBacklogMetrics> _logger;
    private Snapshot? _latest;

    public StreamBacklogMetrics(StreamStatistics statistics, IHostApplicationLifetime lifetime, IMeterFactory meters, ILogger<StreamBacklogMetrics> logger)
    {
        _statistics = statistics;
        _lifetime = lifetime;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("orleanssync.streams.pending", () => Measure(s => s.Pending), "{message}", "Stream messages appended and not yet delivered, all queues.");
        meter.CreateObservableGauge("orleanssync.streams.lag", () => Measure(s => s.LagSeconds), "s", "Age of the oldest undelivered stream message (0 when none waits).");
        meter.CreateObservableGauge("orleanssync.streams.dead_letters", () => Measure(s => s.DeadLetters), "{message}", "Open dead letters (neither replayed nor discarded).");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A silo migrates the schema while it starts: on a new database, a read before that failed
        // ("relation stream_message does not exist") and logged a warning on every first run.
        try
        {
            await HostStarted.WaitAsync(_lifetime, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(RefreshInterval);
        var failing = false;
        do
        {
            try
            {
                var backlog = await _statistics.BacklogAsync(stoppingToken);
                var deadLetters = await _statistics.DeadLettersAsync(stoppingToken);
                Volatile.Write(ref _latest, new Snapshot(backlog.Sum(q => q.Pending), backlog.Count == 0 ? 0 : backlog.Max(q => q.LagSeconds), deadLetters));
                failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Stale figures disappear rather than mislead; logged once per outage.
                Volatile.Write(ref _latest, null);
                if (!failing)
                {
                    _logger.LogWarning(error, "Reading the stream backlog for metrics failed; retrying every {Interval}", RefreshInterval);
                    failing = true;
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private IEnumerable<Measurement<double>> Measure(Func<Snapshot, double> value) =>
        Volatile.Read(ref _latest) is { } snapshot ? [new Measurement<double>(value(snapshot))] : [];

    private sealed record Snapshot(double Pending, double LagSeconds, double DeadLetters);
}
