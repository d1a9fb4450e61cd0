namespace OrleansSync.Grains.Finance;

/// <summary>How the tenure API is reached (the co-hosted simulator by default).</summary>
public sealed class TenureApiOptions
{
    public const string SimulatorPath = "/sim/tenure";

    /// <summary>Hackney's listeners: "3 repeats with 100 ms delay" on GETs (contracts §4); the stream retries beyond.</summary>
    public const int RetryAttemptsDefault = 3;

    public static readonly TimeSpan RetryDelayDefault = TimeSpan.FromMilliseconds(100);

    /// <summary>One attempt; a tenure is one small document.</summary>
    public static readonly TimeSpan TimeoutDefault = TimeSpan.FromSeconds(5);

    /// <summary>The API root, e.g. https://tenure.example/ (requests go to {BaseUrl}/api/v1/tenures/{id}).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as a bearer token; a secret, never logged.</summary>
    public string? BearerToken { get; set; }

    public TimeSpan Timeout { get; set; } = TimeoutDefault;

    public int RetryAttempts { get; set; } = RetryAttemptsDefault;

    public TimeSpan RetryDelay { get; set; } = RetryDelayDefault;
}
