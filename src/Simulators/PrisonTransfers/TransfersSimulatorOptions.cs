using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>Options of the prisoner search and POM allocations simulators (section "Simulators:Transfers").</summary>
public sealed class TransfersSimulatorOptions
{
    /// <summary>
    /// Where the domain events (prisoner.updated, allocation.changed, prisoner.merged) are POSTed as SNS
    /// notifications, e.g. http://127.0.0.1:5080/events/domain-events. Null: recorded, not sent.
    /// </summary>
    public string? EventsUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> with every event, when set.</summary>
    public string? EventsBearerToken { get; set; }

    /// <summary>Asked for the token of each event when <see cref="EventsBearerToken"/> is not set (set in code).</summary>
    public Func<string?>? EventsBearerTokenProvider { get; set; }

    /// <summary>The public address the events' detailUrl names, e.g. http://127.0.0.1:5080.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Attempts per event (network errors and 5xx are retried).</summary>
    public int EventDeliveryAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubles with each further one.</summary>
    public TimeSpan EventRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan EventDeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string TopicArn { get; set; } = "arn:aws:sns:eu-west-2:000000000000:domainevents";

    /// <summary>How many emitted events the admin view keeps (oldest dropped first).</summary>
    public int MaxRetainedEvents { get; set; } = 10_000;

    /// <summary>Faults of prisoner search's contract endpoint.</summary>
    public FaultInjectionOptions PrisonerSearchFaults { get; set; } = new();

    /// <summary>Faults of the POM allocations contract endpoint.</summary>
    public FaultInjectionOptions PomAllocationsFaults { get; set; } = new();
}
