namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Read-only figures of the stream provider for dashboards and operators, straight from its tables:
/// the backlog of each queue with anything pending, and the number of open dead letters. Works on
/// a silo and on a gateway (it needs only the database).
/// </summary>
public sealed class StreamStatistics(NpgsqlDataSource dataSource)
{
    /// <summary>Queues with undelivered messages, in queue order.</summary>
    public async Task<IReadOnlyList<QueueBacklog>> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("StreamStats"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var queues = new List<QueueBacklog>();
        while (await reader.ReadAsync(cancellationToken))
        {
            queues.Add(new QueueBacklog(reader.GetInt32(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : (double)reader.GetDecimal(2)));
        }

        return [.. queues.OrderBy(queue => queue.Queue)];
    }

    public async Task<long> DeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("CountDeadLetters"));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Open dead letters per stream (namespace and key).</summary>
    public async Task<IReadOnlyList<(string Namespace, string Key, long Count)>> DeadLettersByStreamAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("DeadPerStream"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var streams = new List<(string, string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return streams;
    }

    /// <summary>Per queue, messages appended in the last minute that were delivered.</summary>
    public async Task<IReadOnlyList<(int Queue, long Count)>> DeliveredLastMinuteAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("DeliveredLastMinute"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var queues = new List<(int, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            queues.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        return queues;
    }
}
