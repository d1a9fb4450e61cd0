using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Ingestion;

/// <summary>What the ingestion endpoints need, bundled for [AsParameters].</summary>
internal sealed class IngestionServices(
    EventSourceRegistry sources,
    IStreamProducer producer,
    IngestionStore store,
    IngestionMetrics metrics,
    ILogger<IngestionServices> logger)
{
    public EventSourceRegistry Sources { get; } = sources;

    public IStreamProducer Producer { get; } = producer;

    public IngestionStore Store { get; } = store;

    public IngestionMetrics Metrics { get; } = metrics;

    public ILogger<IngestionServices> Logger { get; } = logger;
}
