using System.Globalization;

namespace OrleansSync.Runtime.Streams;

/// <summary>
/// Wakes pulling agents across the cluster: an append notifies the partitions it wrote to
/// (pg_notify, delivered at commit), and every silo listens, so a message appended through one
/// silo or gateway is picked up by its owner at once instead of at the owner's next poll.
/// Polling stays as the fallback, so a lost notification only costs latency.
/// </summary>
internal sealed class StreamNotifications(SiloRuntime runtime)
{
    public const string Channel = "orleanssync_streams";
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>The notification for the caller's transaction: PostgreSQL delivers it at commit, and only then.</summary>
    public static NpgsqlBatchCommand Command(IReadOnlyCollection<int> partitions)
    {
        var command = new NpgsqlBatchCommand("select pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = string.Join(',', partitions) });
        return command;
    }

    public void Start() => _loop = Task.Run(ListenAsync);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task ListenAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await runtime.DataSource.OpenConnectionAsync(_stopping.Token);
                connection.Notification += (_, notification) => runtime.Streams.Signal(Parse(notification.Payload));
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stopping.Token);
                }

                while (!_stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(_stopping.Token);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                runtime.Logger.LogWarning(exception, "Stream notification listener failed; reconnecting");
                try
                {
                    await Task.Delay(ReconnectDelay, runtime.Time, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static int[] Parse(string payload) =>
        [.. payload.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
}
