using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansSync.Grains.Incentives;

namespace OrleansSync.Grains.Tests.Incentives.Support;

/// <summary>
/// Counts what one host's incentives meter records (other hosts in the same test process are left out by
/// the meter's scope, its IMeterFactory). Lets a test wait for "the echo was seen and suppressed".
/// </summary>
internal sealed class IncentivesMetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IncentivesMetricsProbe(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IncentivesMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = new List<string>();
            foreach (var tag in tags)
            {
                labels.Add($"{tag.Key}={tag.Value}");
            }

            _counts.AddOrUpdate(Key(instrument.Name, labels), value, (_, total) => total + value);
        });
        _listener.Start();
    }

    /// <summary>The total of an instrument for exactly these tags ("direction=dps-to-nomis", "outcome=created").</summary>
    public long Count(string instrument, params string[] tags) => _counts.GetValueOrDefault(Key(instrument, tags));

    public long Syncs(string direction, string outcome) => Count("incentives.syncs", $"direction={direction}", $"outcome={outcome}");

    public long EchoesSuppressed(string direction) => Count("incentives.echoes_suppressed", $"direction={direction}");

    public void Dispose() => _listener.Dispose();

    private static string Key(string instrument, IEnumerable<string> tags) => instrument + "|" + string.Join('|', tags.Order(StringComparer.Ordinal));
}
