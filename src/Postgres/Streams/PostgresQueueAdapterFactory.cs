using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>The PostgreSQL stream provider as Orleans builds it: adapter, cache, queue mapper and failure handler.</summary>
internal sealed class PostgresQueueAdapterFactory(
    string name,
    PostgresStreamOptions options,
    NpgsqlDataSource dataSource,
    StreamQueueMap queues,
    PostgresStreamProducer producer,
    PostgresDeadLetters deadLetters,
    ILoggerFactory loggerFactory) : IQueueAdapterFactory
{
    private readonly ConcurrentDictionary<QueueId, PostgresQueueAdapterReceiver> _receivers = new();
    private readonly SimpleQueueAdapterCache _cache = new(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);

    public static IQueueAdapterFactory Create(IServiceProvider services, string name) => new PostgresQueueAdapterFactory(
        name,
        services.GetRequiredService<PostgresStreamOptions>(),
        services.GetRequiredKeyedService<NpgsqlDataSource>(PostgresDataSource.StreamsKey),
        services.GetRequiredService<StreamQueueMap>(),
        services.GetRequiredService<PostgresStreamProducer>(),
        services.GetRequiredService<PostgresDeadLetters>(),
        services.GetRequiredService<ILoggerFactory>());

    public Task<IQueueAdapter> CreateAdapter() =>
        Task.FromResult<IQueueAdapter>(new PostgresQueueAdapter(name, producer, dataSource, options, _receivers, loggerFactory));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <summary>The queues this silo's pulling agents are reading now.</summary>
    internal IReadOnlyList<int> ReadingQueues => [.. _receivers.Values.Where(receiver => receiver.IsReading).Select(receiver => receiver.Queue).Order()];

    public IStreamQueueMapper GetStreamQueueMapper() => queues.Mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new PostgresStreamFailureHandler(
            () => _receivers.GetValueOrDefault(queueId), deadLetters, loggerFactory.CreateLogger<PostgresStreamFailureHandler>()));
}
