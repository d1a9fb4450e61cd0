using OrleansSync.Runtime.Activations;
using OrleansSync.Runtime.Calls;
using OrleansSync.Runtime.Cluster;
using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Reminders;

/// <summary>
/// Durable reminders. The silo polls the reminders due in the partitions it owns (an index on
/// (partition, due_at) keeps that cheap however many exist), delivers each through the grain's
/// mailbox, then advances it to the first period boundary after now, fenced on the partition.
/// </summary>
internal sealed class ReminderService(SiloRuntime runtime)
{
    private const int BatchSize = 1000;
    private static readonly GrainMethod ReceiveReminder = GrainMethod.For(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!);

    private readonly ConcurrentDictionary<(GrainId, string), byte> _inFlight = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(RunAsync);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    public async Task RegisterOrUpdateAsync(ActivationContext context, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (period < runtime.Options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder period must be at least {runtime.Options.MinimumReminderPeriod}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        await WriteAsync(context, RuntimeSql.Reminders("UpsertReminder"), context.Id.Type, context.Id.Key, name, context.Partition, period, dueTime);
        if (dueTime < runtime.Options.ReminderPollInterval)
        {
            Wake();
        }
    }

    public Task UnregisterAsync(ActivationContext context, string name) =>
        WriteAsync(context, RuntimeSql.Reminders("DeleteReminder"), context.Id.Type, context.Id.Key, name);

    private static Task WriteAsync(ActivationContext context, string sql, params object?[] values) =>
        context.WriteAsync(async unitOfWork =>
        {
            await using var command = unitOfWork.CreateCommand(sql).With(values);
            await command.ExecuteNonQueryAsync();
        });

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var owned = runtime.Owned.Snapshot();
                if (owned.Length > 0)
                {
                    foreach (var due in await FetchDueAsync(owned))
                    {
                        if (_inFlight.TryAdd((due.Grain, due.Name), 0))
                        {
                            _ = DeliverAsync(due);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                runtime.Logger.LogWarning(exception, "Reminder poll failed; retrying");
            }

            try
            {
                await _wake.WaitAsync(runtime.Options.ReminderPollInterval, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(DueReminder due)
    {
        try
        {
            var status = new TickStatus(due.DueAt, due.Period, due.Now);
            try
            {
                await runtime.Router.InvokeAsync(due.Grain, ReceiveReminder, [due.Name, status]);
                runtime.Metrics.ReminderDelivered(due.Grain.Type);
            }
            catch (Exception exception) when (exception is not LeaseLostException)
            {
                // A failing tick is not retried before its next period, as in Orleans.
                runtime.Logger.LogWarning(exception, "{GrainType} {GrainKey} failed reminder {Reminder}", due.Grain.Type, due.Grain.Key, due.Name);
            }

            if (runtime.Owned.TryGetEpoch(due.Partition, out var epoch))
            {
                await runtime.Fence.RunAsync(runtime.DataSource, due.Partition, epoch, async (connection, transaction) =>
                {
                    await using var advance = new NpgsqlCommand(RuntimeSql.Reminders("AdvanceReminder"), connection, transaction)
                        .With(due.Grain.Type, due.Grain.Key, due.Name, due.DueAt);
                    await advance.ExecuteNonQueryAsync();
                }, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            runtime.Logger.LogWarning(exception, "{GrainType} {GrainKey}: reminder {Reminder} was not advanced", due.Grain.Type, due.Grain.Key, due.Name);
        }
        finally
        {
            _inFlight.TryRemove((due.Grain, due.Name), out _);
        }
    }

    private async Task<List<DueReminder>> FetchDueAsync(int[] partitions)
    {
        await using var command = runtime.DataSource.CreateCommand(RuntimeSql.Reminders("DueReminders")).With(partitions, BatchSize);
        await using var reader = await command.ExecuteReaderAsync(_stopping.Token);
        var due = new List<DueReminder>();
        while (await reader.ReadAsync(_stopping.Token))
        {
            due.Add(new DueReminder(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetTimeSpan(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return due;
    }

    private sealed record DueReminder(GrainId Grain, string Name, int Partition, TimeSpan Period, DateTimeOffset DueAt, DateTimeOffset Now);
}
