namespace OrleansSync.Grains.Incentives;

/// <summary>Settings of the incentives domain (configuration section "Incentives"). Defaults are the named constants.</summary>
public sealed class IncentivesOptions
{
    public const string SectionName = "Incentives";

    /// <summary>
    /// A mapping write that waits longer than this for a lock gives up and is retried through the
    /// incentives-sync stream, instead of holding the prisoner's turn (and its NOMIS result) hostage.
    /// </summary>
    public static readonly TimeSpan MappingLockTimeoutDefault = TimeSpan.FromSeconds(5);

    public NomisApiOptions Nomis { get; set; } = new();

    public TimeSpan MappingLockTimeout { get; set; } = MappingLockTimeoutDefault;

    public IncentiveMigrationOptions Migration { get; set; } = new();

    public IncentiveReconciliationOptions Reconciliation { get; set; } = new();

    /// <summary>Fails start-up with every problem named, rather than misbehaving later.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(Nomis.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("Incentives:Nomis:BaseUrl must be an absolute http(s) URL.");
        }

        Check(Nomis.Timeout > TimeSpan.Zero, "Incentives:Nomis:Timeout must be positive.");
        Check(Nomis.ReadBudget >= Nomis.Timeout, "Incentives:Nomis:ReadBudget must be at least Incentives:Nomis:Timeout.");
        Check(Nomis.RetryAttempts is >= 0 and <= 10, "Incentives:Nomis:RetryAttempts must be between 0 and 10.");
        Check(Nomis.RetryDelay > TimeSpan.Zero, "Incentives:Nomis:RetryDelay must be positive.");
        Check(MappingLockTimeout >= TimeSpan.FromMilliseconds(1), "Incentives:MappingLockTimeout must be at least 1 ms.");
        Check(Migration.PageSize is >= 1 and <= 2000, "Incentives:Migration:PageSize must be between 1 and 2000 (NOMIS caps pages at 2000).");
        Check(Migration.Parallelism is >= 1 and <= 64, "Incentives:Migration:Parallelism must be between 1 and 64.");
        Check(Migration.TickInterval > TimeSpan.Zero, "Incentives:Migration:TickInterval must be positive.");
        Check(Migration.StepBudget > TimeSpan.Zero, "Incentives:Migration:StepBudget must be positive.");
        Check(Reconciliation.PageSize is >= 1 and <= 2000, "Incentives:Reconciliation:PageSize must be between 1 and 2000.");
        Check(Reconciliation.Parallelism is >= 1 and <= 64, "Incentives:Reconciliation:Parallelism must be between 1 and 64.");
        Check(Reconciliation.TickInterval > TimeSpan.Zero, "Incentives:Reconciliation:TickInterval must be positive.");
        Check(Reconciliation.MaxConsecutivePageFailures >= 1, "Incentives:Reconciliation:MaxConsecutivePageFailures must be at least 1.");
        if (Reconciliation.IsScheduled && !CronSchedule.TryParse(Reconciliation.Schedule, out _, out var cronError))
        {
            errors.Add($"Incentives:Reconciliation:Schedule is not a valid cron expression: {cronError}");
        }

        try
        {
            _ = Reconciliation.Zone;
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"Incentives:Reconciliation:TimeZone '{Reconciliation.TimeZone}' is not a known time zone.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid incentives configuration: " + string.Join(" ", errors));
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

/// <summary>How the nomis-prisoner-api is reached.</summary>
public sealed class NomisApiOptions
{
    /// <summary>The simulator co-hosted by the default run; <see cref="BaseUrl"/> defaults to it under Silo:Address.</summary>
    public const string SimulatorPath = "/sim/nomis";

    public static readonly TimeSpan TimeoutDefault = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A read with all its retries ends within this: a sync turn makes at most two NOMIS calls, and must end
    /// well inside the runtime's 30 s call timeout.
    /// </summary>
    public static readonly TimeSpan ReadBudgetDefault = TimeSpan.FromSeconds(12);

    /// <summary>Two retries of a read ride out a blip; a longer outage is the stream's retries' business.</summary>
    public const int RetryAttemptsDefault = 2;

    public static readonly TimeSpan RetryDelayDefault = TimeSpan.FromMilliseconds(200);

    /// <summary>Base URL of the nomis-prisoner-api; default <c>{Silo:Address}/sim/nomis</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set (HMPPS Auth's client-credentials token stands here).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeoutDefault;

    /// <summary>Timeout of a read including its retries.</summary>
    public TimeSpan ReadBudget { get; set; } = ReadBudgetDefault;

    /// <summary>
    /// Retries of reads on a network error, a timeout, 408, 429 or 5xx, with exponential backoff and
    /// jitter. Writes (creating an IEP) are never retried here: NOMIS might have done the first one, and a
    /// repeat would be a duplicate; the stream delivery retries them, where the mapping guards.
    /// </summary>
    public int RetryAttempts { get; set; } = RetryAttemptsDefault;

    public TimeSpan RetryDelay { get; set; } = RetryDelayDefault;
}

/// <summary>Pace of a migration run.</summary>
public sealed class IncentiveMigrationOptions
{
    /// <summary>prisoner-from-nomis-migration pages ids 1000 at a time.</summary>
    public const int PageSizeDefault = 1000;

    /// <summary>IEPs fetched and migrated at once: enough to hide NOMIS latency without crowding other prisoners' syncs.</summary>
    public const int ParallelismDefault = 8;

    public static readonly TimeSpan TickIntervalDefault = TimeSpan.FromSeconds(1);

    /// <summary>A step stops taking new IEPs after this long, well inside the grain call timeout; the next tick continues.</summary>
    public static readonly TimeSpan StepBudgetDefault = TimeSpan.FromSeconds(10);

    public int PageSize { get; set; } = PageSizeDefault;

    public int Parallelism { get; set; } = ParallelismDefault;

    /// <summary>Period of the reminder that drives a run (and resumes it after a restart).</summary>
    public TimeSpan TickInterval { get; set; } = TickIntervalDefault;

    public TimeSpan StepBudget { get; set; } = StepBudgetDefault;
}

/// <summary>When and how the reconciliation report runs.</summary>
public sealed class IncentiveReconciliationOptions
{
    /// <summary>Weekly, Monday 03:00 (prisoner-to-nomis-update runs it Monday 04:10), when few reviews are being recorded.</summary>
    public const string ScheduleDefault = "0 3 * * 1";

    public const string TimeZoneDefault = "Europe/London";

    /// <summary>Active prisoners compared per step (prisoner-to-nomis-update uses 20 per page; fewer round trips here).</summary>
    public const int PageSizeDefault = 100;

    public const int ParallelismDefault = 4;

    public static readonly TimeSpan TickIntervalDefault = TimeSpan.FromSeconds(1);

    /// <summary>A report whose page of prisoners NOMIS refuses this many times in a row is marked FAILED.</summary>
    public const int MaxConsecutivePageFailuresDefault = 5;

    /// <summary>Five-field cron (minute hour day-of-month month day-of-week); empty or "off" disables the scheduled run.</summary>
    public string Schedule { get; set; } = ScheduleDefault;

    /// <summary>The zone the schedule is read in.</summary>
    public string TimeZone { get; set; } = TimeZoneDefault;

    public int PageSize { get; set; } = PageSizeDefault;

    public int Parallelism { get; set; } = ParallelismDefault;

    public TimeSpan TickInterval { get; set; } = TickIntervalDefault;

    public int MaxConsecutivePageFailures { get; set; } = MaxConsecutivePageFailuresDefault;

    public bool IsScheduled => !string.IsNullOrWhiteSpace(Schedule) && !string.Equals(Schedule.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
