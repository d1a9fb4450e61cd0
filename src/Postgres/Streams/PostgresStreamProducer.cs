using Microsoft.Extensions.DependencyInjection;
using NpgsqlTypes;
using OrleansSync.Postgres.Webhooks;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Appends to the persistent streams: one statement however many messages (with a delivery per
/// webhook of their namespace), a message id seen before in its namespace skipped. Used by the gateway on its own, and by a grain's unit of work
/// (the outbox) inside its transaction. Its own appends use the stream provider's data source (<see cref="PostgresDataSource.StreamsKey"/>).
/// </summary>
public sealed class PostgresStreamProducer([FromKeyedServices(PostgresDataSource.StreamsKey)] NpgsqlDataSource dataSource, StreamQueueMap queues, StreamSubscriptions subscriptions, OutboxWebhooks webhooks, ILogger<PostgresStreamProducer> logger)
    : IStreamProducer
{
    public bool HasSubscribers(string streamNamespace) => subscriptions.HasSubscribers(streamNamespace) || webhooks.Any(streamNamespace);

    public async Task<bool> AppendAsync(string streamNamespace, string key, string messageId, string payloadJson, CancellationToken cancellationToken = default) =>
        await AppendBatchAsync([new StreamAppend(streamNamespace, key, messageId, payloadJson)], cancellationToken) == 1;

    public async Task<int> AppendBatchAsync(IReadOnlyList<StreamAppend> messages, CancellationToken cancellationToken = default)
    {
        if (Prepare(messages) is not { } insert)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { insert } };
        var appended = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // Webhook deliveries are appended with their message, not counted as messages.
                if (reader.GetString(0) != OutboxWebhooks.Namespace)
                {
                    appended++;
                }
            }
        }

        return appended;
    }

    /// <summary>The insert of <paramref name="messages"/> for the caller's transaction; null when none has a subscriber.</summary>
    public NpgsqlBatchCommand? Prepare(IReadOnlyList<StreamAppend> messages)
    {
        var rows = new List<StreamAppend>(messages.Count);
        foreach (var message in messages)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(message.Namespace);
            ArgumentException.ThrowIfNullOrWhiteSpace(message.Key);
            ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageId);
            ArgumentException.ThrowIfNullOrWhiteSpace(message.PayloadJson);
            if (HasSubscribers(message.Namespace))
            {
                rows.Add(message);
                rows.AddRange(webhooks.DeliveriesOf(message));
            }
            else
            {
                logger.LogWarning("No subscriber for stream namespace {Namespace}; message {MessageId} dropped", message.Namespace, message.MessageId);
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        return new NpgsqlBatchCommand(StreamSql.Get("Append"))
        {
            Parameters =
            {
                new NpgsqlParameter { Value = rows.Select(r => queues.QueueOf(r.Namespace, r.Key)).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Namespace).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Key).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.MessageId).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.PayloadJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            },
        };
    }
}
