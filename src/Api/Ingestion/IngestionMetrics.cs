using System.Diagnostics.Metrics;

namespace OrleansSync.Api.Ingestion;

/// <summary>Counts ingested messages by source and outcome (appended, duplicate, skipped, recorded, rejected), meter "OrleansSync.Api".</summary>
internal sealed class IngestionMetrics
{
    public const string MeterName = "OrleansSync.Api";

    private readonly Counter<long> _messages;

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("orleanssync.api.ingested_messages", unit: "{message}", description: "Messages received at POST /events/{source}, by outcome.");
    }

    public void Count(string source, string outcome, int count = 1)
    {
        if (count > 0)
        {
            _messages.Add(count, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
