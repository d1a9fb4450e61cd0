namespace OrleansSync.Silo;

/// <summary>
/// Section "Metrics": where the Prometheus scrape endpoint is served and whether it needs a token.
/// Anonymous by default, as Prometheus scrapers usually are (bind the host to an internal address,
/// or set RequireToken and give the scraper a reader token as a bearer credential).
/// </summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>The scrape path, "/metrics"; the OpenTelemetry Prometheus text format is served there.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>When true, a scrape needs a bearer token with the reader role (or above).</summary>
    public bool RequireToken { get; set; }
}
