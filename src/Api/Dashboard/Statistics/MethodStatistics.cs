namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>Cumulative figures of one grain method on one silo (see <see cref="LatencyHistogram"/> for the buckets).</summary>
public sealed record MethodStatistics(string GrainType, string Method, long Calls, long Errors, double TotalMilliseconds, long[] LatencyBuckets);
