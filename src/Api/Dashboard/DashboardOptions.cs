namespace OrleansSync.Api.Dashboard;

/// <summary>Settings of the dashboard (configuration section "Dashboard"). Defaults are the named constants below.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Silos write their statistics every 2 s; sampling as often gives the charts that resolution without reading a snapshot twice.</summary>
    public static readonly TimeSpan SampleIntervalDefault = TimeSpan.FromSeconds(2);

    /// <summary>Five minutes show a spike and its recovery; at the default interval that is 150 points per chart.</summary>
    public static readonly TimeSpan HistoryDefault = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A silo whose latest snapshot is older than this (five missed writes) stopped or is stuck: it is
    /// still listed, flagged stale, but its last rates no longer count in the cluster's.
    /// </summary>
    public static readonly TimeSpan StaleAfterDefault = TimeSpan.FromSeconds(10);

    /// <summary>How often the sampler reads the silos' snapshots; the page refreshes at the same pace.</summary>
    public TimeSpan SampleInterval { get; set; } = SampleIntervalDefault;

    /// <summary>How far back the history charts reach (kept in memory, per gateway process).</summary>
    public TimeSpan History { get; set; } = HistoryDefault;

    public TimeSpan StaleAfter { get; set; } = StaleAfterDefault;

    /// <summary>Points kept per series.</summary>
    public int HistoryPoints => (int)Math.Max(2, Math.Ceiling(History / SampleInterval));

    /// <summary>Fails start-up with every problem named, rather than misbehaving later.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (SampleInterval < TimeSpan.FromMilliseconds(100) || SampleInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Dashboard:SampleInterval must be between 100 ms and 1 minute.");
        }

        if (History < SampleInterval * 2 || History > TimeSpan.FromHours(6))
        {
            errors.Add("Dashboard:History must be at least two sample intervals and at most 6 hours.");
        }

        if (StaleAfter < SampleInterval)
        {
            errors.Add("Dashboard:StaleAfter must be at least the sample interval.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid dashboard configuration: " + string.Join(" ", errors));
        }
    }
}
