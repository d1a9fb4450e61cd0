using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.Tenure;

/// <summary>Options of the tenure API simulator (bind from "Simulators:Tenure" or set in code).</summary>
public sealed class TenureSimulatorOptions
{
    /// <summary>Where tenure events are POSTed as SNS notifications (the hub's /events/tenure). Null: recorded, not sent.</summary>
    public string? EventsUrl { get; set; }

    /// <summary>Asked for the bearer token of each event delivery; set in code (the silo mints its own gateway's).</summary>
    public Func<string?>? EventsBearerTokenProvider { get; set; }

    /// <summary>When set, <c>GET /api/v1/tenures/{id}</c> demands <c>Authorization: Bearer {token}</c>. Null: open.</summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>Attempts per event before it is marked failed (network errors and 5xx are retried).</summary>
    public int EventDeliveryAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry of a delivery; doubles with each further one.</summary>
    public TimeSpan EventRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The caller named in every event's <c>user</c> (the real API takes it from the caller's JWT).</summary>
    public string UserName { get; set; } = "Tenure Simulator";

    public string UserEmail { get; set; } = "tenure.simulator@hackney.gov.uk";

    public string TopicArn { get; set; } = "arn:aws:sns:eu-west-2:000000000000:tenure.fifo";

    public FaultInjectionOptions Faults { get; set; } = new();
}
