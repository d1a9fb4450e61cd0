namespace OrleansSync.Grains.Incentives;

/// <summary>Stream namespaces of the incentives domain. Every one is keyed by the prisoner's NOMS number.</summary>
public static class IncentiveStreams
{
    /// <summary>NOMIS offender events (IEP_UPSERTED, IEP_DELETED) ingested at POST /events/offender-events.</summary>
    public const string OffenderEvents = "offender-events";

    /// <summary>HMPPS domain events ingested at POST /events/domain-events.</summary>
    public const string HmppsDomainEvents = "hmpps-domain-events";

    /// <summary>
    /// The incentives.iep-review.* domain events this system raises through the outbox, in their exact
    /// HMPPS JSON shape. The push to NOMIS subscribes to it; outbox webhooks may too.
    /// </summary>
    public const string IncentivesDomainEvents = "incentives-domain-events";

    /// <summary>Internal follow-up work of a prisoner's sync (a mapping write to retry without repeating the NOMIS write).</summary>
    public const string IncentivesSync = "incentives-sync";
}
