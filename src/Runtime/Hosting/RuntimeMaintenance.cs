using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Hosting;

/// <summary>
/// The silo's housekeeping, each on its own cadence: collecting idle activations, deleting stream
/// rows past retention in small batches (so no long lock is ever held), and refreshing the gauges
/// that would otherwise need a query on every metrics scrape.
/// </summary>
internal sealed class RuntimeMaintenance(SiloRuntime runtime)
{
    private const int RetentionBatch = 5000;
    private static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetentionIntervalMax = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public void Start() => _loops = Task.WhenAll(
        Every(runtime.Options.EffectiveCollectionInterval, () => { runtime.Catalog.CollectIdle(); return Task.CompletedTask; }),
        Every(TimeSpan.FromTicks(Math.Min(RetentionIntervalMax.Ticks, runtime.Options.StreamRetention.Ticks / 2)), DeleteExpiredStreamRowsAsync),
        Every(StatsInterval, RefreshGaugesAsync),
        Every(StatsInterval, () => runtime.Statistics.WriteSnapshotAsync(_stopping.Token)));

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loops;
    }

    private async Task Every(TimeSpan interval, Func<Task> work)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, runtime.Time, _stopping.Token);
                await work();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                runtime.Logger.LogWarning(exception, "Runtime maintenance failed; retrying");
            }
        }
    }

    private async Task DeleteExpiredStreamRowsAsync()
    {
        int deleted;
        do
        {
            await using var command = runtime.DataSource.CreateCommand(RuntimeSql.Streams("DeleteFinished")).With(runtime.Options.StreamRetention, RetentionBatch);
            deleted = await command.ExecuteNonQueryAsync(_stopping.Token);
        }
        while (deleted == RetentionBatch && !_stopping.IsCancellationRequested);
    }

    private async Task RefreshGaugesAsync()
    {
        await using (var reminders = runtime.DataSource.CreateCommand(RuntimeSql.Reminders("ReminderCounts")).With(runtime.Owned.Snapshot(), runtime.Options.ReminderPollInterval + TimeSpan.FromSeconds(1)))
        await using (var reader = await reminders.ExecuteReaderAsync(_stopping.Token))
        {
            if (await reader.ReadAsync(_stopping.Token))
            {
                runtime.Metrics.RemindersDue = reader.GetInt64(0);
                runtime.Metrics.RemindersOverdue = reader.GetInt64(1);
            }
        }

        await using var dead = runtime.DataSource.CreateCommand(RuntimeSql.Streams("CountDeadLetters"));
        runtime.Metrics.DeadLetters = (long)(await dead.ExecuteScalarAsync(_stopping.Token))!;
    }
}
