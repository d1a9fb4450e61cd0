using OrleansSync.Api.Dashboard.Statistics;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// The sampler's latest reading, immutable: every request of one interval reads the same one, and
/// building a view from it touches only per-silo and per-type figures, never individual grains.
/// </summary>
/// <param name="At">When the silos were read.</param>
/// <param name="Silos">Every silo the cluster lists (dead ones for a while after they died).</param>
/// <param name="History">The cluster's points, oldest first, the last being this reading's.</param>
/// <param name="SiloHistory">Each listed silo's points, oldest first.</param>
public sealed record DashboardState(
    DateTimeOffset At,
    IReadOnlyList<SiloSample> Silos,
    IReadOnlyList<ClusterPoint> History,
    IReadOnlyDictionary<Guid, IReadOnlyList<SiloPoint>> SiloHistory);

/// <summary>
/// A silo and its latest rates. <see cref="Counted"/>: not dead and with a snapshot; only such silos'
/// counters count in the cluster's totals. A stale silo's <see cref="Rate"/> is <see cref="SiloRate.None"/>:
/// what it did last is not what it does now.
/// </summary>
public sealed record SiloSample(SiloView View, SiloRate Rate, bool Counted, string Health);
