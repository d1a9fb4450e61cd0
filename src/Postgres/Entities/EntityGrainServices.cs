using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Entities;

/// <summary>What every <see cref="EntityGrain"/> needs from the silo, resolved once per activation.</summary>
public sealed class EntityGrainServices(NpgsqlDataSource dataSource, PostgresStreamProducer producer, PostgresDeadLetters deadLetters, ConsumptionRecorder consumptionRecorder, PostgresStreamOptions streamOptions, StreamMetrics metrics, TimeProvider time, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public PostgresStreamProducer Producer { get; } = producer;

    public PostgresDeadLetters DeadLetters { get; } = deadLetters;

    public ConsumptionRecorder ConsumptionRecorder { get; } = consumptionRecorder;

    public PostgresStreamOptions StreamOptions { get; } = streamOptions;

    public StreamMetrics Metrics { get; } = metrics;

    public TimeProvider Time { get; } = time;

    /// <summary>True once the silo is stopping: failures then say nothing about the message.</summary>
    public bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;
}
