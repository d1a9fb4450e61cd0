using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.Nomis;

/// <summary>Options of the NOMIS prisoner API simulator (bind from configuration or set in code).</summary>
public sealed class NomisSimulatorOptions
{
    /// <summary>
    /// Where offender events are POSTed as SNS notifications, e.g. http://127.0.0.1:5080/events/offender-events.
    /// Null: events are recorded (see the admin events endpoint) but not sent.
    /// </summary>
    public string? EventsUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> with every event, when set.</summary>
    public string? EventsBearerToken { get; set; }

    /// <summary>
    /// Asked for the bearer token of each event when <see cref="EventsBearerToken"/> is not set, so a host can hand
    /// out short-lived tokens (the silo mints its own gateway's). Set in code; configuration does not bind it.
    /// </summary>
    public Func<string?>? EventsBearerTokenProvider { get; set; }

    /// <summary>
    /// When set, the contract endpoints demand <c>Authorization: Bearer {token}</c> (401 otherwise), standing in
    /// for HMPPS Auth's client-credentials token. Null: no authentication. Read per request.
    /// </summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>
    /// Real NOMIS raises IEP_UPSERTED for every row written, including the ones nomis-prisoner-api writes for a
    /// DPS sync (auditModuleName DPS_SYNCHRONISATION). Keeping this on makes the hub's echo suppression work for
    /// its living; turn it off only to isolate other behaviour.
    /// </summary>
    public bool EmitEventsForSynchronisationWrites { get; set; } = true;

    /// <summary>Write bookingId/iepSeq as JSON numbers (the real producer) instead of strings (the fixtures).</summary>
    public bool NumericIdsInEvents { get; set; }

    /// <summary>Attempts per event before it is marked failed (network errors, 5xx, 408, 429 are retried).</summary>
    public int EventDeliveryAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubles with each further one.</summary>
    public TimeSpan EventRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timeout of one delivery attempt.</summary>
    public TimeSpan EventDeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string TopicArn { get; set; } = "arn:aws:sns:eu-west-1:000000000000:offender_events";

    /// <summary>How many emitted events the admin view keeps (oldest dropped first).</summary>
    public int MaxRetainedEvents { get; set; } = 10_000;

    /// <summary>
    /// The <c>latestOnly</c> parameter of <c>GET /incentives/ids</c> is documented ("only the latest incentive for
    /// each prisoner") but the real IncentiveSpecification ignores it (a TODO). Default false = like the real
    /// service; true = only each booking's current IEP.
    /// </summary>
    public bool HonourLatestOnly { get; set; }

    /// <summary>First booking id handed out by the bulk seeder (ids already in use are skipped).</summary>
    public long FirstGeneratedBookingId { get; set; } = 1_000_000;

    /// <summary>IEP_LEVEL reference codes and descriptions. Every level is available in every prison.</summary>
    public Dictionary<string, string> IncentiveLevels { get; set; } = new(StringComparer.Ordinal)
    {
        ["BAS"] = "Basic",
        ["ENT"] = "Entry",
        ["STD"] = "Standard",
        ["ENH"] = "Enhanced",
        ["EN2"] = "Enhanced 2",
        ["EN3"] = "Enhanced 3",
    };

    /// <summary>Prisons (agency locations) that exist from the start; seeding a prisoner adds its prison.</summary>
    public List<string> Prisons { get; set; } = ["MDI", "WAI", "LEI", "BXI", "BMI", "MRI", "LPI", "WWI"];

    public FaultInjectionOptions Faults { get; set; } = new();
}
