using OrleansSync.Api.Dashboard.Statistics;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// What one silo did between two of its snapshots: rates per second and the latency buckets of the
/// calls made in between (so percentiles describe now, not the silo's whole life).
/// </summary>
public sealed record SiloRate(
    double CallsPerSecond,
    double ErrorsPerSecond,
    double EventsPerSecond,
    double FailedAttemptsPerSecond,
    IReadOnlyList<long> LatencyBuckets,
    IReadOnlyDictionary<(string GrainType, string Method), MethodRate> Methods)
{
    public static SiloRate None { get; } = new(0, 0, 0, 0, new long[LatencyHistogram.UpperBoundsMs.Count], new Dictionary<(string, string), MethodRate>());

    /// <summary>The difference of two cumulative snapshots of the same silo, <paramref name="earlier"/> first.</summary>
    public static SiloRate Between(SiloStatistics earlier, SiloStatistics later)
    {
        var seconds = (later.At - earlier.At).TotalSeconds;
        if (seconds <= 0)
        {
            return None;
        }

        var before = new Dictionary<(string, string), MethodStatistics>();
        foreach (var method in earlier.Methods)
        {
            before[(method.GrainType, method.Method)] = method;
        }

        var buckets = new long[LatencyHistogram.UpperBoundsMs.Count];
        var methods = new Dictionary<(string, string), MethodRate>();
        long calls = 0, errors = 0;
        foreach (var method in later.Methods)
        {
            before.TryGetValue((method.GrainType, method.Method), out var previous);

            // Counters only grow within one silo's life (a restarted silo has a new id); clamping
            // keeps a surprise from drawing a negative rate.
            var methodCalls = Math.Max(0, method.Calls - (previous?.Calls ?? 0));
            var methodErrors = Math.Max(0, method.Errors - (previous?.Errors ?? 0));
            if (methodCalls == 0 && methodErrors == 0)
            {
                continue;
            }

            var methodBuckets = previous is null ? [.. method.LatencyBuckets] : LatencyHistogram.Subtract(method.LatencyBuckets, previous.LatencyBuckets);
            Accumulate(buckets, methodBuckets);
            methods[(method.GrainType, method.Method)] = new MethodRate(methodCalls / seconds, methodErrors / seconds, methodBuckets);
            calls += methodCalls;
            errors += methodErrors;
        }

        return new SiloRate(
            calls / seconds,
            errors / seconds,
            Math.Max(0, later.StreamDelivered - earlier.StreamDelivered) / seconds,
            Math.Max(0, later.StreamFailedAttempts - earlier.StreamFailedAttempts) / seconds,
            buckets,
            methods);
    }

    /// <summary>Adds <paramref name="source"/> into <paramref name="target"/>; tolerates histograms of different lengths (silos of different versions).</summary>
    public static void Accumulate(long[] target, IReadOnlyList<long> source)
    {
        for (var i = 0; i < Math.Min(target.Length, source.Count); i++)
        {
            target[i] += source[i];
        }
    }
}

/// <summary>One grain method's calls and errors per second over a silo's latest interval, and the latency buckets of those calls.</summary>
public sealed record MethodRate(double CallsPerSecond, double ErrorsPerSecond, IReadOnlyList<long> LatencyBuckets);
