using OrleansSync.Runtime.Placement;
using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Streams;

/// <summary>
/// Appends to persistent streams. A message becomes one row per subscriber (each grain type that
/// subscribes to the namespace, each webhook), placed in the partition of the grain it goes to,
/// so its delivery is local to the silo that owns that grain. A duplicate message id is ignored.
/// Appends are one statement however many messages, plus a notification that wakes other silos'
/// agents at commit.
/// </summary>
internal sealed class StreamQueue(NpgsqlDataSource dataSource, StreamSubscribers subscribers, Func<int> partitionCount, Func<int, bool> servedHere, ILogger<StreamQueue> logger)
    : IStreamProducer
{
    /// <summary>Wakes the local pulling agent of a partition; set by the agents.</summary>
    public event Action<int>? Appended;

    public bool HasSubscribers(string streamNamespace) => subscribers.For(streamNamespace).Count > 0;

    public async Task<bool> AppendAsync(string streamNamespace, string key, string messageId, string payloadJson, CancellationToken cancellationToken = default) =>
        await AppendBatchAsync([new StreamAppend(streamNamespace, key, messageId, payloadJson)], cancellationToken) == 1;

    public async Task<int> AppendBatchAsync(IReadOnlyList<StreamAppend> messages, CancellationToken cancellationToken = default)
    {
        if (Prepare(messages) is not { } append)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(append.Insert);
        if (append.Notify is not null)
        {
            batch.BatchCommands.Add(append.Notify);
        }

        var appended = new HashSet<(string, string)>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                appended.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        Signal(append.Partitions);
        return appended.Count;
    }

    /// <summary>Appends inside a transaction the caller owns; the append becomes visible (and wakes agents) when it commits.</summary>
    public async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> messages, CancellationToken cancellationToken)
    {
        if (Prepare(messages) is { } append)
        {
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { append.Insert } };
            if (append.Notify is not null)
            {
                batch.BatchCommands.Add(append.Notify);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The commands that append <paramref name="messages"/> and notify their partitions, for the
    /// caller's transaction (the outbox of a unit of work, or <see cref="AppendBatchAsync"/>);
    /// null when no message has a subscriber.
    /// </summary>
    public PreparedAppend? Prepare(IReadOnlyList<StreamAppend> messages)
    {
        var count = partitionCount();
        var rows = new List<(int Partition, StreamAppend Message, string Subscriber)>();
        foreach (var message in messages)
        {
            Validate(message);
            var targets = subscribers.For(message.Namespace);
            if (targets.Count == 0)
            {
                logger.LogWarning("No subscriber for stream namespace {Namespace}; message {MessageId} dropped", message.Namespace, message.MessageId);
            }

            rows.AddRange(targets.Select(subscriber => (PartitionHash.PartitionOf(subscriber, message.Key, count), message, subscriber)));
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var insert = new NpgsqlBatchCommand(RuntimeSql.Streams("AppendMessages"));
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Partition).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Message.Namespace).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Message.Key).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Subscriber).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Message.MessageId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Message.PayloadJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        var partitions = rows.Select(r => r.Partition).ToHashSet();

        // Local agents are woken in-process after commit. Only partitions served elsewhere need a
        // NOTIFY, and it is worth avoiding: PostgreSQL serialises the commits of notifying transactions.
        var remote = partitions.Where(p => !servedHere(p)).ToList();
        return new PreparedAppend(insert, remote.Count > 0 ? StreamNotifications.Command(remote) : null, partitions);
    }

    public void Signal(IReadOnlyCollection<int> partitions)
    {
        foreach (var partition in partitions)
        {
            Appended?.Invoke(partition);
        }
    }

    private static void Validate(StreamAppend message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Namespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Key);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.PayloadJson);
    }
}

/// <summary>An append ready to run in a transaction: the insert, the wake-up notification for other silos (if any), and the partitions it touches.</summary>
internal sealed record PreparedAppend(NpgsqlBatchCommand Insert, NpgsqlBatchCommand? Notify, IReadOnlyCollection<int> Partitions);
