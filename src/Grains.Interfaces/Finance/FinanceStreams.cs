namespace OrleansSync.Grains.Finance;

/// <summary>Stream namespaces of the finance sync (their names are stored in stream rows: a rename is a migration).</summary>
public static class FinanceStreams
{
    /// <summary>The ingestion source at <c>POST /events/tenure</c>.</summary>
    public const string TenureSource = "tenure";

    /// <summary>Inbound tenure events, keyed by tenure id (the entityId of the envelope).</summary>
    public const string TenureEvents = "finance.tenure-events";

    /// <summary>The outbox: AccountCreatedEvent / AccountUpdatedEvent, keyed by tenure id; the push to the interim solution subscribes.</summary>
    public const string AccountEvents = "finance.account-events";
}
