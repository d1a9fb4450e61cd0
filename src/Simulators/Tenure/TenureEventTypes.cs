namespace OrleansSync.Simulators.Tenure;

/// <summary>The tenure API's event types (tenure-api V1/Infrastructure/JWT/*Constants.cs); all version v1.</summary>
public static class TenureEventTypes
{
    public const string TenureCreated = "TenureCreatedEvent";
    public const string TenureUpdated = "TenureUpdatedEvent";
    public const string PersonAddedToTenure = "PersonAddedToTenureEvent";
    public const string PersonRemovedFromTenure = "PersonRemovedFromTenureEvent";
}
