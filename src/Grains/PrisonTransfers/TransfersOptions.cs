namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>Settings of the prison transfers domain (configuration section "Transfers"). Defaults are the named constants.</summary>
public sealed class TransfersOptions
{
    public const string SectionName = "Transfers";

    /// <summary>The simulators the default run co-hosts; the base URLs default to them under Silo:Address.</summary>
    public const string PrisonerSearchSimulatorPath = "/sim/prisoner-search";

    public const string PomAllocationsSimulatorPath = "/sim/pom-allocations";

    public TransferServiceOptions PrisonerSearch { get; set; } = new();

    public TransferServiceOptions PomAllocations { get; set; } = new();

    /// <summary>Fails start-up with every problem named, rather than misbehaving later.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        PrisonerSearch.Validate($"{SectionName}:PrisonerSearch", errors);
        PomAllocations.Validate($"{SectionName}:PomAllocations", errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid transfers configuration: " + string.Join(" ", errors));
        }
    }
}

/// <summary>How one service the transfers sync reads (prisoner search, POM allocations) is reached.</summary>
public sealed class TransferServiceOptions
{
    /// <summary>Prisoner search and the POM service answer a single read in well under a second.</summary>
    public static readonly TimeSpan TimeoutDefault = TimeSpan.FromSeconds(5);

    /// <summary>A couple of quick retries ride out a blip; longer outages are the stream's retries and dead letters.</summary>
    public const int RetryAttemptsDefault = 2;

    public static readonly TimeSpan RetryDelayDefault = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Where the service is. An event's detailUrl names the producer's host; the sync reads the same path
    /// of this configured service instead, so an event can never make the hub call a host it was not told to.
    /// </summary>
    public string? BaseUrl { get; set; }

    public TimeSpan Timeout { get; set; } = TimeoutDefault;

    public int RetryAttempts { get; set; } = RetryAttemptsDefault;

    public TimeSpan RetryDelay { get; set; } = RetryDelayDefault;

    internal void Validate(string section, List<string> errors)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{section}:BaseUrl must be an absolute http(s) URL.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:Timeout must be positive.");
        }

        if (RetryAttempts is < 0 or > 10)
        {
            errors.Add($"{section}:RetryAttempts must be between 0 and 10.");
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{section}:RetryDelay must be positive.");
        }
    }
}
