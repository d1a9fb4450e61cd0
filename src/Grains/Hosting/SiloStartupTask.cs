using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansSync.Grains.Hosting;

/// <summary>
/// Work every silo does once it serves, such as making sure a singleton grain's reminder exists: it waits
/// for the host to have started (a grain call before the silo runs would fail), then runs
/// <see cref="RunOnceAsync"/> until it succeeds, retrying with backoff (1 s doubling to 30 s) while, say,
/// PostgreSQL or the cluster is not ready. The work must be idempotent, because every silo does it.
/// </summary>
public abstract class SiloStartupTask(IHostApplicationLifetime lifetime, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>What the task does, for the log line of a failed attempt ("… did not complete").</summary>
    protected abstract string Description { get; }

    /// <summary>One attempt; an exception means "try again later".</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "{Task} did not complete; retrying in {Delay}", Description, delay);
                await Task.Delay(delay, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }
}
