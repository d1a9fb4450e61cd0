namespace OrleansSync.Grains.Finance;

/// <summary>How the interim finance solution's API is reached (the co-hosted simulator by default).</summary>
public sealed class InterimFinanceOptions
{
    public const string SimulatorPath = "/sim/interim-finance";

    /// <summary>The co-hosted simulator's key, used only when the base URL is defaulted to the simulator.</summary>
    public const string SimulatorApiKey = "interim-finance-dev-key";

    public static readonly TimeSpan TimeoutDefault = TimeSpan.FromSeconds(10);

    public string? BaseUrl { get; set; }

    /// <summary>Sent as a bearer token; a secret, never logged.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeoutDefault;
}
