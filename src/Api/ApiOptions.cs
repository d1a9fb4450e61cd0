namespace OrleansSync.Api;

/// <summary>Settings of the API gateway (configuration section "Api"). Defaults are the named constants below.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>1 MiB: far above any real event or SQS batch (SQS caps a message at 256 KiB), small enough that a flood of large bodies cannot exhaust memory.</summary>
    public const long MaxRequestBodyBytesDefault = 1024 * 1024;

    /// <summary>Skipped events are kept as long as the runtime keeps processed stream messages, so both answer "what arrived this week".</summary>
    public static readonly TimeSpan SkippedEventRetentionDefault = TimeSpan.FromDays(7);

    /// <summary>The largest request body accepted, in bytes; larger ones get 413. An endpoint can override it with request size limit metadata.</summary>
    public long MaxRequestBodyBytes { get; set; } = MaxRequestBodyBytesDefault;

    /// <summary>How long skipped events stay listed at GET /events/skipped.</summary>
    public TimeSpan SkippedEventRetention { get; set; } = SkippedEventRetentionDefault;

    /// <summary>Fails start-up with every problem named, rather than misbehaving later.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (MaxRequestBodyBytes < 1024)
        {
            errors.Add("Api:MaxRequestBodyBytes must be at least 1024.");
        }

        if (SkippedEventRetention <= TimeSpan.Zero)
        {
            errors.Add("Api:SkippedEventRetention must be positive.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid API configuration: " + string.Join(" ", errors));
        }
    }
}
