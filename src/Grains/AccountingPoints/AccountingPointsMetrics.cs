using System.Diagnostics.Metrics;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>Meter "OrleansSync.AccountingPoints": sync outcomes and durations, adapter requests, dead syncs.</summary>
public sealed class AccountingPointsMetrics : IDisposable
{
    public const string MeterName = "OrleansSync.AccountingPoints";

    private readonly Meter _meter;
    private readonly Counter<long> _syncs;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _adapterRequests;
    private readonly Counter<long> _deadSyncs;

    public AccountingPointsMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _syncs = _meter.CreateCounter<long>("orleanssync.accounting_points.syncs", "{sync}", "Accounting point syncs by outcome and trigger.");
        _duration = _meter.CreateHistogram<double>("orleanssync.accounting_points.sync.duration", "s", "Wall time of a sync attempt, limiter wait included.");
        _adapterRequests = _meter.CreateCounter<long>("orleanssync.accounting_points.adapter.requests", "{request}", "Requests to the datahub adapter by result (HTTP status, timeout, error).");
        _deadSyncs = _meter.CreateCounter<long>("orleanssync.accounting_points.dead_syncs", "{sync}", "Dead syncs found by the sweeper (started, never finished).");
    }

    public void SyncCompleted(SyncOutcome outcome, SyncTrigger trigger, TimeSpan duration)
    {
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome.ToString());
        _syncs.Add(1, outcomeTag, new KeyValuePair<string, object?>("trigger", trigger.ToString()));
        _duration.Record(duration.TotalSeconds, outcomeTag);
    }

    public void AdapterRequest(string result) => _adapterRequests.Add(1, new KeyValuePair<string, object?>("result", result));

    public void DeadSyncFound() => _deadSyncs.Add(1);

    public void Dispose() => _meter.Dispose();
}
