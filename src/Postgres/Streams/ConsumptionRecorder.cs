using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Records messages that consumers handled without a unit of work (nothing to commit) as consumed, and completes each
/// caller's task once its records have committed. The records of every delivery that arrives while a write is in
/// flight, from any grain of the silo, go into the next write, one statement and one commit (group commit). In the
/// ingest benchmark one autocommitted statement per delivery was about a sixth of the silo's and PostgreSQL's CPU per
/// event (an outbox subscriber records one per event).
/// </summary>
public sealed class ConsumptionRecorder([FromKeyedServices(PostgresDataSource.StreamsKey)] NpgsqlDataSource dataSource)
{
    private readonly Lock _lock = new();
    private List<Pending> _queued = [];
    private bool _writing;

    /// <summary>Records <paramref name="messages"/> (stream message row ids) consumed by <paramref name="consumer"/>; completes once committed, or fails with the write's error.</summary>
    public Task RecordAsync(IReadOnlyCollection<long> messages, string consumer)
    {
        var pending = new Pending(messages, consumer, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            _queued.Add(pending);
            if (_writing)
            {
                return pending.Committed.Task;
            }

            _writing = true;
        }

        // Off the caller's (a grain's) scheduler: the writer serves every grain until nothing is queued.
        _ = Task.Run(WriteQueuedAsync);
        return pending.Committed.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_lock)
            {
                if (_queued.Count == 0)
                {
                    _writing = false;
                    return;
                }

                (batch, _queued) = (_queued, []);
            }

            try
            {
                await WriteAsync(batch);
                batch.ForEach(pending => pending.Committed.SetResult());
            }
            catch (Exception exception)
            {
                batch.ForEach(pending => pending.Committed.SetException(exception));
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        var messages = batch.SelectMany(pending => pending.Messages).ToArray();
        var consumers = batch.SelectMany(pending => pending.Messages.Select(_ => pending.Consumer)).ToArray();
        await using var command = dataSource.CreateCommand(StreamSql.Get("Consume"));
        command.Parameters.Add(new() { Value = messages });
        command.Parameters.Add(new() { Value = consumers });
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Pending(IReadOnlyCollection<long> Messages, string Consumer, TaskCompletionSource Committed);
}
