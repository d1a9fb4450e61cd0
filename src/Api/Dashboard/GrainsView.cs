namespace OrleansSync.Api.Dashboard;

/// <summary>
/// GET /api/dashboard/grains: activations, calls, errors and latency per grain type and method, summed
/// over the silos' snapshots (which aggregate by type already, so the cost does not grow with the number
/// of grains). Counts and percentiles are cumulative since each silo started; rates are recent.
/// </summary>
public sealed record GrainsView(DateTimeOffset At, IReadOnlyList<GrainTypeView> Types);

public sealed record GrainTypeView(
    string GrainType,
    long Activations,
    long Calls,
    long Errors,
    double CallsPerSecond,
    double ErrorsPerSecond,
    double MeanMs,
    double P50Ms,
    double P99Ms,
    IReadOnlyList<GrainMethodView> Methods);

/// <summary>One method of a grain type; RecentP99Ms is the 99th percentile over the latest interval, null when the method was not called in it.</summary>
public sealed record GrainMethodView(
    string Method,
    long Calls,
    long Errors,
    double CallsPerSecond,
    double ErrorsPerSecond,
    double MeanMs,
    double P50Ms,
    double P99Ms,
    double? RecentP99Ms);
