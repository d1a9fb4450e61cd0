using OrleansSync.Runtime.Placement;
using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Streams;

/// <summary>
/// Appends to persistent streams. A message becomes one row per subscriber (each grain type that
/// subscribes to the namespace, each webhook), placed in the partition of the grain it goes to,
/// so its delivery is local to the silo that owns that grain. A duplicate message id is ignored.
/// </summary>
internal sealed class StreamQueue(NpgsqlDataSource dataSource, StreamSubscribers subscribers, Func<int> partitionCount, ILogger<StreamQueue> logger)
    : IStreamProducer
{
    /// <summary>Wakes the local pulling agent of a partition; set by the agents.</summary>
    public event Action<int>? Appended;

    public bool HasSubscribers(string streamNamespace) => subscribers.For(streamNamespace).Count > 0;

    public async Task<bool> AppendAsync(string streamNamespace, string key, string messageId, string payloadJson, CancellationToken cancellationToken = default) =>
        await AppendBatchAsync([new StreamAppend(streamNamespace, key, messageId, payloadJson)], cancellationToken) == 1;

    public async Task<int> AppendBatchAsync(IReadOnlyList<StreamAppend> messages, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (appended, partitions) = await AppendCountingAsync(connection, transaction, messages, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Signal(partitions);
        return appended;
    }

    /// <summary>Appends inside the caller's transaction (the outbox); returns the partitions to wake after commit.</summary>
    public async Task<IReadOnlyCollection<int>> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> messages, CancellationToken cancellationToken) =>
        (await AppendCountingAsync(connection, transaction, messages, cancellationToken)).Partitions;

    public void Signal(IReadOnlyCollection<int> partitions)
    {
        foreach (var partition in partitions)
        {
            Appended?.Invoke(partition);
        }
    }

    private async Task<(int Appended, IReadOnlyCollection<int> Partitions)> AppendCountingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> messages, CancellationToken cancellationToken)
    {
        var appended = 0;
        var partitions = new HashSet<int>();
        var count = partitionCount();
        foreach (var message in messages)
        {
            Validate(message);
            var targets = subscribers.For(message.Namespace);
            if (targets.Count == 0)
            {
                logger.LogWarning("No subscriber for stream namespace {Namespace}; message {MessageId} dropped", message.Namespace, message.MessageId);
                continue;
            }

            var targetPartitions = targets.Select(t => PartitionHash.PartitionOf(t, message.Key, count)).ToArray();
            await using var command = new NpgsqlCommand(RuntimeSql.Streams("AppendMessage"), connection, transaction)
                .With(targetPartitions, message.Namespace, message.Key, targets.ToArray(), message.MessageId, message.PayloadJson);
            if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                appended++;
                partitions.UnionWith(targetPartitions);
            }
        }

        if (partitions.Count > 0)
        {
            await StreamNotifications.NotifyAsync(connection, transaction, partitions, cancellationToken);
        }

        return (appended, partitions);
    }

    private static void Validate(StreamAppend message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Namespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Key);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.PayloadJson);
    }
}
