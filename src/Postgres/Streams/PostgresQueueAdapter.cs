using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// The Orleans side of the PostgreSQL streams: receivers for the pulling agents, and appends from
/// Orleans stream producers (<c>IAsyncStream.OnNextAsync</c>). Most messages are appended by SQL
/// instead (the gateway, the outbox of a unit of work), which needs a message id this cannot
/// offer: an Orleans producer's messages get a fresh one, so they are not de-duplicated.
/// </summary>
internal sealed class PostgresQueueAdapter(
    string name,
    PostgresStreamProducer producer,
    NpgsqlDataSource dataSource,
    PostgresStreamOptions options,
    ConcurrentDictionary<QueueId, PostgresQueueAdapterReceiver> receivers,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        var streamNamespace = streamId.GetNamespace() ?? throw new ArgumentException("A stream of this provider needs a namespace.", nameof(streamId));
        var key = streamId.GetKeyAsString();
        var messages = events.Select(item => new StreamAppend(streamNamespace, key, Guid.NewGuid().ToString("N"),
            item as string ?? System.Text.Json.JsonSerializer.Serialize(item, StreamJson.Options))).ToList();
        await producer.AppendBatchAsync(messages);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        receivers[queueId] = new PostgresQueueAdapterReceiver(queueId, dataSource, options, loggerFactory.CreateLogger<PostgresQueueAdapterReceiver>());
}
