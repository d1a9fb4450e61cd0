namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>
/// Fixed latency buckets (upper bounds in ms, roughly 1-2-5 per decade), cheap to count into and
/// to add up across silos; percentiles are read off as the upper bound of the bucket reached.
/// </summary>
public static class LatencyHistogram
{
    public static IReadOnlyList<double> UpperBoundsMs { get; } = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, double.PositiveInfinity];

    public static int BucketOf(double milliseconds)
    {
        for (var i = 0; i < UpperBoundsMs.Count; i++)
        {
            if (milliseconds <= UpperBoundsMs[i])
            {
                return i;
            }
        }

        return UpperBoundsMs.Count - 1;
    }

    /// <summary>The upper bound of the bucket holding the p-th quantile (0..1), or 0 with no samples.</summary>
    public static double Percentile(IReadOnlyList<long> buckets, double p)
    {
        var total = buckets.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(total * p);
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return double.IsPositiveInfinity(UpperBoundsMs[i]) ? UpperBoundsMs[i - 1] : UpperBoundsMs[i];
            }
        }

        return UpperBoundsMs[^2];
    }

    public static long[] Add(IReadOnlyList<long> a, IReadOnlyList<long> b) => [.. a.Zip(b, (x, y) => x + y)];

    public static long[] Subtract(IReadOnlyList<long> a, IReadOnlyList<long> b) => [.. a.Zip(b, (x, y) => Math.Max(0, x - y))];
}
