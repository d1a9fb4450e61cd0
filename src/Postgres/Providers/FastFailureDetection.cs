using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansSync.Postgres.Providers;

/// <summary>
/// The membership (failure detection) settings the product ships with, in this one place. With
/// Orleans' defaults a silo killed outright (SIGKILL, a lost VM) is declared dead after about
/// 13–14 s on a 2-core machine, and its queues and grains wait that long; with these, its work is
/// served again within about 5 s (measured by tests/Postgres.Tests ProcessFailoverTests, which runs
/// real silo processes with both sets).
/// </summary>
/// <remarks>
/// Detection time is roughly <see cref="MinProbeTimeout"/> to <see cref="ProbeTimeout"/> times
/// <see cref="NumMissedProbesLimit"/>; a live silo is falsely suspected only if it fails that many
/// consecutive probes. Orleans 10 guards
/// against the false ones on its own, and these values rely on that staying on (the defaults):
/// the effective probe timeout adapts per silo to observed response times (from
/// <see cref="MinProbeTimeout"/> up to four times <see cref="ProbeTimeout"/>), it is extended while the probing silo is itself degraded
/// (<c>ExtendProbeTimeoutDuringDegradation</c>), and a vote is suppressed while the connection to
/// the suspect has carried messages recently (<c>EnableConnectionLivenessCheck</c>).
/// </remarks>
public static class FastFailureDetection
{
    /// <summary>
    /// 1 s (Orleans: 5 s): the period between probes and their initial timeout. A killed silo's
    /// probes fail at once (connection refused), so this period is what detection waits for; a
    /// loaded but live silo answers a ping in milliseconds, and the adaptive timeout grows to 4 s
    /// for a peer that answers slowly.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// 1 s (Orleans: half of <see cref="ProbeTimeout"/>): the floor of the adaptive probe timeout
    /// and period. Left at 0.5 s, a peer that answers fast would be probed every half second and
    /// three misses would be only 1.5 s of silence; at 1 s a live silo has at least 3 s to answer.
    /// </summary>
    public static readonly TimeSpan MinProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// 3 (Orleans' default): three consecutive missed probes, about 3 s of silence, before a silo
    /// is suspected. Two (1–2 s) would leave a single stall of a loaded 2-core machine (a GC, a
    /// starved thread pool, a parallel build) only about 2 s from a false death declaration.
    /// </summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>
    /// 2 (Orleans' default): with three or more silos, two silos must agree before one is declared
    /// dead, so one silo that is itself starved cannot evict a healthy peer. Orleans needs no more
    /// votes than half the active silos, so in a cluster of two, one vote is enough and this costs
    /// nothing in detection time.
    /// </summary>
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>
    /// 5 s (Orleans: 60 s): how often a silo re-reads the membership table. Death declarations
    /// travel by gossip at once; the table read is the fallback for a silo that missed the gossip
    /// and what re-evaluates which peers a silo probes. One small query per silo every 5 s is
    /// nothing to PostgreSQL.
    /// </summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// 30 s (Orleans' default): the heartbeat a silo writes to its membership row. It plays no part
    /// in detecting a dead silo (probes do); it only marks entries stale (after twice this period),
    /// so it is left alone.
    /// </summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Applies the shipped failure-detection settings to <paramref name="options"/>.</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = ProbeTimeout;
        options.MinProbeTimeout = MinProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
    }

    /// <summary>The shipped failure-detection settings (<see cref="FastFailureDetection"/>) on this silo.</summary>
    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configure<ClusterMembershipOptions>(Apply);
        return builder;
    }
}
