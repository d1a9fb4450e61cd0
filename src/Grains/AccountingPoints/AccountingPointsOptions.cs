namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Settings of the accounting point sync (configuration section "AccountingPoints"). Defaults are the
/// named constants below, each with why; <see cref="Validate"/> runs at start-up.
/// </summary>
public sealed class AccountingPointsOptions
{
    public const string SectionName = "AccountingPoints";

    /// <summary>Where the co-hosted simulator serves the adapter contract, relative to Silo:Address.</summary>
    public const string SimulatorPath = "/sim/datahub";

    /// <summary>The simulator's default key (DatahubAdapterSimulatorOptions.DefaultApiKey): the default run works with no settings.</summary>
    public const string SimulatorApiKey = "sim-datahub-adapter-key";

    /// <summary>FIS raised its adapter timeout from 5 to 6 s (FLEX-1344); the same per attempt here.</summary>
    public static readonly TimeSpan AdapterTimeoutDefault = TimeSpan.FromSeconds(6);

    /// <summary>Three retries ride out a restart of the adapter or a short 429 burst.</summary>
    public const int AdapterRetriesDefault = 3;

    /// <summary>First retry delay; exponential with jitter: about 0.2, 0.4, 0.8 s.</summary>
    public static readonly TimeSpan AdapterRetryDelayDefault = TimeSpan.FromMilliseconds(200);

    /// <summary>All attempts of one fetch together; below the 30 s grain call timeout so a caller gets the sync's own answer.</summary>
    public static readonly TimeSpan AdapterTotalTimeoutDefault = TimeSpan.FromSeconds(20);

    /// <summary>FIS resyncs points whose last success is older than 23 h.</summary>
    public static readonly TimeSpan MaxAgeDefault = TimeSpan.FromHours(23);

    /// <summary>
    /// The background resync fires this long before a point would reach <see cref="MaxAge"/>, which
    /// leaves room for reminder latency, limiter queueing and a few retries.
    /// </summary>
    public static readonly TimeSpan ResyncMarginDefault = TimeSpan.FromHours(1);

    /// <summary>Per silo: enough to overlap adapter latency, few enough not to swamp it.</summary>
    public const int MaxConcurrentSyncsDefault = 4;

    /// <summary>Cluster-wide (all silos together), every attempt counted (retries too). 10/s syncs 5000 points in under 10 minutes.</summary>
    public const double AdapterRequestsPerSecondDefault = 10;

    /// <summary>How long a sync waits for a concurrency slot before it is deferred and rescheduled.</summary>
    public static readonly TimeSpan LimiterWaitDefault = TimeSpan.FromSeconds(5);

    /// <summary>Per-point backoff after a failure: 1, 2, 4, … minutes.</summary>
    public static readonly TimeSpan RetryBackoffBaseDefault = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A failing point is still tried every 10 minutes, so after an adapter outage every point is in
    /// step again within 10 minutes of the adapter's return, with no operator (an hour left points
    /// that had failed often during a 5-minute outage waiting for most of it: bench adapter-outage).
    /// The periodic resync continues on top.
    /// </summary>
    public static readonly TimeSpan RetryBackoffMaxDefault = TimeSpan.FromMinutes(10);

    /// <summary>Five failures in a row (about 15 minutes with the default backoff) list a point as failing.</summary>
    public const int FailingAfterAttemptsDefault = 5;

    /// <summary>
    /// A sync takes at most the limiter wait plus the adapter's total timeout (25 s by default); one that
    /// has not finished after 10 minutes was lost with its silo.
    /// </summary>
    public static readonly TimeSpan DeadSyncAfterDefault = TimeSpan.FromMinutes(10);

    /// <summary>How often the sweeper looks for dead syncs.</summary>
    public static readonly TimeSpan SweepIntervalDefault = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Fixed number of resync shards, each a grain woken by one reminder (never one reminder per point:
    /// dotnet/orleans#947). 16 spreads dispatch over the silos; changing it only redistributes points
    /// (each rewrites its shard at its next sync; until then shard (stored mod count) takes it).
    /// </summary>
    public const int ResyncShardsDefault = 16;

    /// <summary>How often each shard dispatches its due points: the latency of a due sync, at most.</summary>
    public static readonly TimeSpan ResyncShardIntervalDefault = TimeSpan.FromMinutes(1);

    /// <summary>A burst of change events for one point within this window becomes one sync.</summary>
    public static readonly TimeSpan EventCoalesceWindowDefault = TimeSpan.FromSeconds(5);

    /// <summary>Base URL of the adapter (FIS: ACCOUNTING_POINT_ADAPTER_BASE_URL). Default: {Silo:Address}/sim/datahub.</summary>
    public string? AdapterBaseUrl { get; set; }

    /// <summary>The shared bearer key (FIS: ACCOUNTING_POINT_ADAPTER_API_KEY). Never logged.</summary>
    public string AdapterApiKey { get; set; } = SimulatorApiKey;

    public TimeSpan AdapterTimeout { get; set; } = AdapterTimeoutDefault;

    public int AdapterRetries { get; set; } = AdapterRetriesDefault;

    public TimeSpan AdapterRetryDelay { get; set; } = AdapterRetryDelayDefault;

    public TimeSpan AdapterTotalTimeout { get; set; } = AdapterTotalTimeoutDefault;

    /// <summary>Requests per second to the adapter from the whole cluster (<see cref="AdapterRateLimiterGrain"/>); 0 = unlimited.</summary>
    public double AdapterRequestsPerSecond { get; set; } = AdapterRequestsPerSecondDefault;

    /// <summary>Syncs of this silo that may wait on the adapter at once.</summary>
    public int MaxConcurrentSyncs { get; set; } = MaxConcurrentSyncsDefault;

    public TimeSpan LimiterWait { get; set; } = LimiterWaitDefault;

    /// <summary>Background resync (FIS: ACCOUNTING_POINT_ADAPTER_SYNC_ENABLED). Off: only lookups, manual syncs, events and retries.</summary>
    public bool BackgroundSync { get; set; } = true;

    /// <summary>Every tracked point is refreshed before it is this old.</summary>
    public TimeSpan MaxAge { get; set; } = MaxAgeDefault;

    public TimeSpan ResyncMargin { get; set; } = ResyncMarginDefault;

    public TimeSpan RetryBackoffBase { get; set; } = RetryBackoffBaseDefault;

    public TimeSpan RetryBackoffMax { get; set; } = RetryBackoffMaxDefault;

    public int FailingAfterAttempts { get; set; } = FailingAfterAttemptsDefault;

    public TimeSpan DeadSyncAfter { get; set; } = DeadSyncAfterDefault;

    public TimeSpan SweepInterval { get; set; } = SweepIntervalDefault;

    public TimeSpan EventCoalesceWindow { get; set; } = EventCoalesceWindowDefault;

    public int ResyncShards { get; set; } = ResyncShardsDefault;

    /// <summary>Raised to Orleans' minimum reminder period (1 minute; only tests lower it).</summary>
    public TimeSpan ResyncShardInterval { get; set; } = ResyncShardIntervalDefault;

    /// <summary>
    /// Reads a bound at UTC midnight as the calendar date it names and stores that date's Oslo midnight
    /// (the contract fixtures write "2024-01-01T00:00:00Z"). Off: such bounds fail the sync like any other
    /// bound that is not Oslo midnight.
    /// </summary>
    public bool UtcMidnightAsDate { get; set; } = true;

    /// <summary>The background resync period: <see cref="MaxAge"/> less <see cref="ResyncMargin"/>.</summary>
    public TimeSpan ResyncPeriod => MaxAge - ResyncMargin;

    /// <summary>Every problem, named by its configuration key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(Uri.TryCreate(AdapterBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", "AccountingPoints:AdapterBaseUrl must be an absolute http(s) URL.");
        Check(AdapterTimeout > TimeSpan.Zero, "AccountingPoints:AdapterTimeout must be positive.");
        Check(AdapterRetries is >= 0 and <= 10, "AccountingPoints:AdapterRetries must be between 0 and 10.");
        Check(AdapterRetryDelay > TimeSpan.Zero, "AccountingPoints:AdapterRetryDelay must be positive.");
        Check(AdapterTotalTimeout >= AdapterTimeout, "AccountingPoints:AdapterTotalTimeout must be at least AdapterTimeout.");
        Check(AdapterRequestsPerSecond >= 0, "AccountingPoints:AdapterRequestsPerSecond must be >= 0 (0 = unlimited).");
        Check(MaxConcurrentSyncs >= 1, "AccountingPoints:MaxConcurrentSyncs must be at least 1.");
        Check(LimiterWait > TimeSpan.Zero, "AccountingPoints:LimiterWait must be positive.");
        Check(MaxAge > TimeSpan.Zero && ResyncMargin >= TimeSpan.Zero && ResyncPeriod > TimeSpan.Zero, "AccountingPoints:ResyncMargin must be shorter than MaxAge.");
        Check(RetryBackoffBase > TimeSpan.Zero && RetryBackoffMax >= RetryBackoffBase, "AccountingPoints:RetryBackoffBase must be positive and not above RetryBackoffMax.");
        Check(FailingAfterAttempts >= 1, "AccountingPoints:FailingAfterAttempts must be at least 1.");
        Check(DeadSyncAfter > LimiterWait + AdapterTotalTimeout, "AccountingPoints:DeadSyncAfter must exceed LimiterWait + AdapterTotalTimeout, or running syncs would be declared dead.");
        Check(SweepInterval > TimeSpan.Zero, "AccountingPoints:SweepInterval must be positive.");
        Check(EventCoalesceWindow >= TimeSpan.Zero, "AccountingPoints:EventCoalesceWindow must be >= 0.");
        Check(ResyncShards is >= 1 and <= short.MaxValue, "AccountingPoints:ResyncShards must be between 1 and 32767.");
        Check(ResyncShardInterval > TimeSpan.Zero, "AccountingPoints:ResyncShardInterval must be positive.");
        return errors;

        void Check(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }
        }
    }
}
