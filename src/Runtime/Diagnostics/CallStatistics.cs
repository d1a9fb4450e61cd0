namespace OrleansSync.Runtime.Diagnostics;

/// <summary>Cumulative calls, errors and latency per grain type and method on this silo, for the dashboard.</summary>
internal sealed class CallStatistics
{
    private readonly ConcurrentDictionary<(string Type, string Method), Counters> _methods = new();

    public void Record(string grainType, string method, double milliseconds, bool failed)
    {
        var counters = _methods.GetOrAdd((grainType, method), _ => new Counters());
        Interlocked.Increment(ref counters.Calls);
        if (failed)
        {
            Interlocked.Increment(ref counters.Errors);
        }

        Interlocked.Increment(ref counters.Buckets[LatencyHistogram.BucketOf(milliseconds)]);
        lock (counters)
        {
            counters.TotalMilliseconds += milliseconds;
        }
    }

    public List<MethodStatistics> Snapshot() =>
        [.. _methods.Select(m => new MethodStatistics(m.Key.Type, m.Key.Method, Interlocked.Read(ref m.Value.Calls), Interlocked.Read(ref m.Value.Errors), m.Value.TotalMilliseconds, [.. m.Value.Buckets]))];

    private sealed class Counters
    {
        public long Calls;
        public long Errors;
        public double TotalMilliseconds;
        public readonly long[] Buckets = new long[LatencyHistogram.UpperBoundsMs.Count];
    }
}
