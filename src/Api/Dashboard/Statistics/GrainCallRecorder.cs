using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>
/// Counts this silo's incoming grain calls per grain type and method (calls, errors, latency
/// buckets) for the dashboard's grains and overview pages; Orleans keeps no such counters of its
/// own. A gateway process hosts no grains and records nothing.
/// </summary>
public sealed class GrainCallRecorder : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string GrainType, string Method), Counters> _methods = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await context.Invoke();
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var counters = _methods.GetOrAdd((context.TargetId.Type.ToString()!, context.MethodName), _ => new Counters());
            counters.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed);
        }
    }

    public IReadOnlyList<MethodStatistics> Snapshot() =>
        [.. _methods.Select(entry => entry.Value.Snapshot(entry.Key.GrainType, entry.Key.Method))];

    private sealed class Counters
    {
        private readonly long[] _buckets = new long[LatencyHistogram.UpperBoundsMs.Count];
        private readonly Lock _lock = new();
        private long _calls;
        private long _errors;
        private double _totalMilliseconds;

        public void Record(double milliseconds, bool failed)
        {
            lock (_lock)
            {
                _calls++;
                _errors += failed ? 1 : 0;
                _totalMilliseconds += milliseconds;
                _buckets[LatencyHistogram.BucketOf(milliseconds)]++;
            }
        }

        public MethodStatistics Snapshot(string grainType, string method)
        {
            lock (_lock)
            {
                return new MethodStatistics(grainType, method, _calls, _errors, _totalMilliseconds, [.. _buckets]);
            }
        }
    }
}
