using System.Diagnostics.Metrics;

namespace OrleansSync.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments (meter "OrleansSync.Runtime"). Gauges read values the owning
/// components publish here, so a scrape never queries the database.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "OrleansSync.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _callErrors;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _leaseMoves;
    private readonly Counter<long> _streamDelivered;
    private readonly Counter<long> _streamFailed;
    private readonly Counter<long> _streamDeadLettered;
    private readonly Counter<long> _remindersDelivered;
    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _activationsCollected;
    private long _streamDeliveredTotal;
    private long _streamFailedTotal;
    private long _remindersDeliveredTotal;

    public RuntimeMetrics(IMeterFactory meterFactory, string siloId)
    {
        _meter = meterFactory.Create(MeterName, null, [new("silo", siloId)]);
        _calls = _meter.CreateCounter<long>("orleanssync.grain.calls", description: "Grain calls completed");
        _callErrors = _meter.CreateCounter<long>("orleanssync.grain.call_errors", description: "Grain calls that threw");
        _callDuration = _meter.CreateHistogram<double>("orleanssync.grain.call_duration", "ms", "Grain call latency, queueing included");
        _leaseMoves = _meter.CreateCounter<long>("orleanssync.lease.moves", description: "Partition leases acquired, released, lost or expired");
        _streamDelivered = _meter.CreateCounter<long>("orleanssync.stream.delivered", description: "Stream messages delivered");
        _streamFailed = _meter.CreateCounter<long>("orleanssync.stream.failed_attempts", description: "Stream delivery attempts that failed");
        _streamDeadLettered = _meter.CreateCounter<long>("orleanssync.stream.dead_lettered", description: "Stream messages moved to dead letters");
        _remindersDelivered = _meter.CreateCounter<long>("orleanssync.reminders.delivered", description: "Reminder ticks delivered");
        _activationsCreated = _meter.CreateCounter<long>("orleanssync.activations.created", description: "Grain activations created");
        _activationsCollected = _meter.CreateCounter<long>("orleanssync.activations.collected", description: "Grain activations deactivated");
        _meter.CreateObservableGauge("orleanssync.activations", () => ActivationsByType.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("grain_type", p.Key))), description: "Live activations per grain type");
        _meter.CreateObservableGauge("orleanssync.stream.lag", () => StreamLagByPartition.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("partition", p.Key))), "s", "Age of the oldest pending message per partition");
        _meter.CreateObservableGauge("orleanssync.stream.dead_letters", () => DeadLetters, description: "Dead letters waiting for an operator");
        _meter.CreateObservableGauge("orleanssync.reminders.due", () => RemindersDue, description: "Reminders due now");
        _meter.CreateObservableGauge("orleanssync.reminders.overdue", () => RemindersOverdue, description: "Reminders overdue by more than a poll interval and a second");
    }

    public ConcurrentDictionary<string, long> ActivationsByType { get; } = new();

    public ConcurrentDictionary<int, double> StreamLagByPartition { get; } = new();

    public long DeadLetters { get; set; }

    public long RemindersDue { get; set; }

    public long RemindersOverdue { get; set; }

    internal CallStatistics Calls { get; } = new();

    internal long StreamDeliveredTotal => Interlocked.Read(ref _streamDeliveredTotal);

    internal long StreamFailedTotal => Interlocked.Read(ref _streamFailedTotal);

    internal long RemindersDeliveredTotal => Interlocked.Read(ref _remindersDeliveredTotal);

    public void CallCompleted(string grainType, string method, double milliseconds, bool failed)
    {
        var tags = new TagList { { "grain_type", grainType }, { "method", method } };
        _calls.Add(1, tags);
        _callDuration.Record(milliseconds, tags);
        Calls.Record(grainType, method, milliseconds, failed);
        if (failed)
        {
            _callErrors.Add(1, tags);
        }
    }

    public void LeaseMoved(string kind) => _leaseMoves.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void StreamDelivered(string streamNamespace)
    {
        _streamDelivered.Add(1, new KeyValuePair<string, object?>("namespace", streamNamespace));
        Interlocked.Increment(ref _streamDeliveredTotal);
    }

    public void StreamFailed(string streamNamespace, bool deadLettered)
    {
        _streamFailed.Add(1, new KeyValuePair<string, object?>("namespace", streamNamespace));
        Interlocked.Increment(ref _streamFailedTotal);
        if (deadLettered)
        {
            _streamDeadLettered.Add(1, new KeyValuePair<string, object?>("namespace", streamNamespace));
        }
    }

    public void ReminderDelivered(string grainType)
    {
        _remindersDelivered.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));
        Interlocked.Increment(ref _remindersDeliveredTotal);
    }

    public void ActivationCreated(string grainType)
    {
        _activationsCreated.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));
        ActivationsByType.AddOrUpdate(grainType, 1, (_, n) => n + 1);
    }

    public void ActivationCollected(string grainType, DeactivationReason reason)
    {
        _activationsCollected.Add(1, new TagList { { "grain_type", grainType }, { "reason", reason.ToString() } });
        ActivationsByType.AddOrUpdate(grainType, 0, (_, n) => n - 1);
    }

    public void Dispose() => _meter.Dispose();
}
