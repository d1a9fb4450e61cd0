using Microsoft.Extensions.Options;

namespace OrleansSync.Api.Ingestion;

/// <summary>
/// Deletes skipped events older than Api:SkippedEventRetention, hourly and in bounded batches, so the
/// table of event types nobody handles cannot grow without end. Every API process runs it; the
/// deletes are idempotent, so running it twice costs a query and nothing else.
/// </summary>
internal sealed class SkippedEventCleaner(IngestionStore store, IOptions<ApiOptions> options, TimeProvider time, ILogger<SkippedEventCleaner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Small enough that one delete never holds locks for long.</summary>
    public const int BatchSize = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int deleted;
                do
                {
                    deleted = await store.DeleteSkippedOlderThanAsync(options.Value.SkippedEventRetention, BatchSize, stoppingToken);
                }
                while (deleted == BatchSize);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next tick tries again; a database that is down now is not a reason to stop the host.
                logger.LogWarning(error, "Could not delete old skipped events");
            }
        }
    }
}
