namespace OrleansSync.Grains.Finance;

/// <summary>The event types of the finance flow (contracts §1).</summary>
public static class TenureEventTypes
{
    public const string TenureCreated = "TenureCreatedEvent";
    public const string TenureUpdated = "TenureUpdatedEvent";
    public const string PersonAddedToTenure = "PersonAddedToTenureEvent";
    public const string PersonRemovedFromTenure = "PersonRemovedFromTenureEvent";
    public const string AccountCreated = "AccountCreatedEvent";
    public const string AccountUpdated = "AccountUpdatedEvent";

    /// <summary>The tenure events that create or update an account (the two person events change its tenants).</summary>
    public static IReadOnlySet<string> Handled { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TenureCreated, TenureUpdated, PersonAddedToTenure, PersonRemovedFromTenure,
    };
}
