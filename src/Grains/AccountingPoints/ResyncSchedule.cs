namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// When a point's background resync fires, and how long a failing point waits before its retry.
/// </summary>
public static class ResyncSchedule
{
    /// <summary>
    /// The delay until the point's slot: each GSRN owns a fixed offset within the period (a stable hash),
    /// counted from the Unix epoch, so points are spread evenly over the period whenever they were
    /// registered, and re-registering a point lands on the same slot.
    /// </summary>
    public static TimeSpan DueTime(string gsrn, TimeSpan period, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var offset = (long)(StableHash(gsrn) % (ulong)period.Ticks);
        var elapsed = (now - DateTimeOffset.UnixEpoch).Ticks % period.Ticks;
        return TimeSpan.FromTicks(((offset - elapsed) % period.Ticks + period.Ticks) % period.Ticks);
    }

    /// <summary>
    /// base · 2^(attempts-1), capped at <paramref name="max"/>, plus up to 20 % jitter so points that
    /// failed together (an adapter outage) do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int attempts, TimeSpan @base, TimeSpan max, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponential = @base.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, max.Ticks);
        return TimeSpan.FromTicks((long)(capped * (1 + (0.2 * Math.Clamp(jitter, 0, 1)))));
    }

    /// <summary>
    /// The resync shard that dispatches the point: the same stable hash, so points spread evenly over
    /// the shards and a point's shard never depends on the process.
    /// </summary>
    public static int Shard(string gsrn, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        return (int)(StableHash(gsrn) % (ulong)shards);
    }

    /// <summary>FNV-1a 64: stable across processes and runtimes (never string.GetHashCode).</summary>
    public static ulong StableHash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 14695981039346656037UL;
        foreach (var character in value)
        {
            hash ^= character;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
