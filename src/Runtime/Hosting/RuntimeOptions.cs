namespace OrleansSync.Runtime.Hosting;

/// <summary>Settings of the runtime (configuration section "Runtime"). Defaults are the named constants below.</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>64 partitions spread load evenly over a handful of silos while keeping per-partition polling cheap.</summary>
    public const int PartitionCountDefault = 64;

    /// <summary>How long a lease outlives its last renewal: a dead silo's partitions serve again after at most this long.</summary>
    public static readonly TimeSpan LeaseDurationDefault = TimeSpan.FromSeconds(10);

    /// <summary>A silo whose heartbeat is older than this is declared dead and no longer counted in the fair share.</summary>
    public static readonly TimeSpan SiloDeadAfterDefault = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan CallTimeoutDefault = TimeSpan.FromSeconds(30);

    /// <summary>As in Orleans: an activation unused for 15 minutes is collected.</summary>
    public static readonly TimeSpan ActivationIdleAgeDefault = TimeSpan.FromMinutes(15);

    public const int MaxActivationsDefault = 250_000;

    public static readonly TimeSpan ReminderPollIntervalDefault = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan StreamPollIntervalDefault = TimeSpan.FromSeconds(1);

    /// <summary>Enough to keep PostgreSQL busy on a small machine without queueing on the connection pool (100 by default).</summary>
    public const int StreamDeliveryConcurrencyDefault = 48;

    /// <summary>Five attempts with the default backoff span about 15 s before a message becomes a dead letter.</summary>
    public const int StreamMaxAttemptsDefault = 5;

    public static readonly TimeSpan StreamRetryBackoffDefault = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan StreamRetryBackoffMaxDefault = TimeSpan.FromMinutes(5);

    /// <summary>Processed messages are kept this long; it is also the window in which a duplicate message id is recognised.</summary>
    public static readonly TimeSpan StreamRetentionDefault = TimeSpan.FromDays(7);

    /// <summary>Used only when the cluster's schema is created; later the stored count wins.</summary>
    public int PartitionCount { get; set; } = PartitionCountDefault;

    public TimeSpan LeaseDuration { get; set; } = LeaseDurationDefault;

    /// <summary>Defaults to a fifth of the lease duration, so four renewals can fail before a lease expires.</summary>
    public TimeSpan? LeaseRenewInterval { get; set; }

    public TimeSpan SiloDeadAfter { get; set; } = SiloDeadAfterDefault;

    public TimeSpan CallTimeout { get; set; } = CallTimeoutDefault;

    public TimeSpan ActivationIdleAge { get; set; } = ActivationIdleAgeDefault;

    /// <summary>Defaults to a quarter of the idle age, at most one minute.</summary>
    public TimeSpan? ActivationCollectionInterval { get; set; }

    public int MaxActivations { get; set; } = MaxActivationsDefault;

    public TimeSpan ReminderPollInterval { get; set; } = ReminderPollIntervalDefault;

    /// <summary>The shortest reminder period accepted; tests lower it.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan StreamPollInterval { get; set; } = StreamPollIntervalDefault;

    public int StreamBatchSize { get; set; } = 256;

    /// <summary>How many stream keys of one partition are delivered at once.</summary>
    public int StreamKeyParallelism { get; set; } = 32;

    /// <summary>
    /// How many stream deliveries run at once on a silo, over all its partitions. Each holds a
    /// database connection for its unit of work, so this also bounds the silo's pool use.
    /// </summary>
    public int StreamDeliveryConcurrency { get; set; } = StreamDeliveryConcurrencyDefault;

    public int StreamMaxAttempts { get; set; } = StreamMaxAttemptsDefault;

    public TimeSpan StreamRetryBackoff { get; set; } = StreamRetryBackoffDefault;

    public TimeSpan StreamRetryBackoffMax { get; set; } = StreamRetryBackoffMaxDefault;

    public TimeSpan StreamRetention { get; set; } = StreamRetentionDefault;

    /// <summary>Where other silos reach this one (its base URL), for silo-to-silo calls.</summary>
    public string SiloAddress { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Shared by every silo and gateway of a cluster; authenticates silo-to-silo calls. When unset,
    /// a random one is generated, so this silo accepts calls from nobody else (fine for one silo).
    /// Never logged.
    /// </summary>
    public string ClusterSecret { get; set; } = "";

    /// <summary>
    /// Silo: owns partitions, hosts grains, runs reminders and stream agents. Client: a gateway
    /// process that hosts no grains and routes every call to the owning silo.
    /// </summary>
    public RuntimeRole Role { get; set; } = RuntimeRole.Silo;

    /// <summary>Outbox webhooks: every message of a namespace is also POSTed to each configured URL.</summary>
    public List<WebhookOptions> Webhooks { get; } = [];

    public TimeSpan EffectiveLeaseRenewInterval => LeaseRenewInterval ?? LeaseDuration / 5;

    public TimeSpan EffectiveCollectionInterval =>
        ActivationCollectionInterval ?? TimeSpan.FromTicks(Math.Min(ActivationIdleAge.Ticks / 4, TimeSpan.FromMinutes(1).Ticks));

    /// <summary>Fails start-up with every problem named, rather than misbehaving later.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        Check(PartitionCount is >= 1 and <= 4096, "Runtime:PartitionCount must be between 1 and 4096.");
        Check(LeaseDuration >= TimeSpan.FromMilliseconds(200), "Runtime:LeaseDuration must be at least 200 ms.");
        Check(EffectiveLeaseRenewInterval > TimeSpan.Zero && EffectiveLeaseRenewInterval * 2 <= LeaseDuration, "Runtime:LeaseRenewInterval must be positive and at most half the lease duration.");
        Check(SiloDeadAfter >= LeaseDuration, "Runtime:SiloDeadAfter must be at least the lease duration.");
        Check(CallTimeout > TimeSpan.Zero, "Runtime:CallTimeout must be positive.");
        Check(ActivationIdleAge > TimeSpan.Zero, "Runtime:ActivationIdleAge must be positive.");
        Check(MaxActivations >= 1, "Runtime:MaxActivations must be at least 1.");
        Check(ReminderPollInterval > TimeSpan.Zero && StreamPollInterval > TimeSpan.Zero, "Runtime poll intervals must be positive.");
        Check(StreamBatchSize is >= 1 and <= 10_000, "Runtime:StreamBatchSize must be between 1 and 10000.");
        Check(StreamKeyParallelism is >= 1 and <= 1024, "Runtime:StreamKeyParallelism must be between 1 and 1024.");
        Check(StreamDeliveryConcurrency is >= 1 and <= 4096, "Runtime:StreamDeliveryConcurrency must be between 1 and 4096.");
        Check(StreamMaxAttempts is >= 1 and <= 1000, "Runtime:StreamMaxAttempts must be between 1 and 1000.");
        Check(StreamRetryBackoff > TimeSpan.Zero && StreamRetryBackoffMax >= StreamRetryBackoff, "Runtime:StreamRetryBackoff must be positive and not above StreamRetryBackoffMax.");
        Check(StreamRetention > TimeSpan.Zero, "Runtime:StreamRetention must be positive.");
        Check(Uri.TryCreate(SiloAddress, UriKind.Absolute, out _), "Runtime:SiloAddress must be an absolute URL.");
        foreach (var webhook in Webhooks)
        {
            Check(!string.IsNullOrWhiteSpace(webhook.Name) && !string.IsNullOrWhiteSpace(webhook.Namespace), "Runtime:Webhooks entries need a Name and a Namespace.");
            Check(Uri.TryCreate(webhook.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"Runtime:Webhooks '{webhook.Name}' needs an absolute http(s) Url.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid runtime configuration: " + string.Join(" ", errors));
        }

        void Check(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }
        }
    }
}
