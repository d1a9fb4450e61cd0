using System.Diagnostics.Metrics;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// Meter "OrleansSync.Transfers": <c>transfers.events</c> counts the transfer events applied, by event type
/// and outcome (applied, unchanged, ignored, failed).
/// </summary>
public sealed class TransfersMetrics
{
    public const string MeterName = "OrleansSync.Transfers";

    private readonly Counter<long> _events;

    public TransfersMetrics(IMeterFactory meters) =>
        _events = meters.Create(MeterName).CreateCounter<long>("transfers.events", description: "Transfer events by type and outcome.");

    public void Applied(string eventType, string outcome) =>
        _events.Add(1, new KeyValuePair<string, object?>("event_type", eventType), new KeyValuePair<string, object?>("outcome", outcome));
}
