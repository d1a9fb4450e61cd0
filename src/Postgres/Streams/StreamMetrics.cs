using System.Diagnostics.Metrics;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Meter "OrleansSync.Streams". <c>streams.messages</c> counts handled stream messages by
/// namespace, consumer and outcome (handled, duplicate, retry, dead-letter);
/// <c>streams.delivery_lag</c> is the time from append to the start of handling, in seconds.
/// </summary>
public sealed class StreamMetrics
{
    public const string MeterName = "OrleansSync.Streams";

    public const string Handled = "handled";
    public const string Duplicate = "duplicate";
    public const string Retry = "retry";
    public const string DeadLetter = "dead-letter";

    private readonly Counter<long> _messages;
    private readonly Histogram<double> _lag;
    private long _handled;

    public StreamMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("streams.messages", description: "Stream messages handled by consumers, by namespace, consumer and outcome.");
        _lag = meter.CreateHistogram<double>("streams.delivery_lag", unit: "s", description: "From append to the start of handling.");
    }

    /// <summary>Messages this silo's consumers handled since it started (outcome handled), for the dashboard.</summary>
    public long HandledTotal => Interlocked.Read(ref _handled);

    public void Outcome(StreamEvent message, string consumer, string outcome)
    {
        _messages.Add(1, new("namespace", message.Namespace), new("consumer", consumer), new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == Handled)
        {
            Interlocked.Increment(ref _handled);
        }
    }

    public void Started(StreamEvent message, string consumer, DateTimeOffset now)
    {
        if (message.Attempt == 1)
        {
            _lag.Record(Math.Max(0, (now - message.AppendedAt).TotalSeconds), new("namespace", message.Namespace), new KeyValuePair<string, object?>("consumer", consumer));
        }
    }
}
