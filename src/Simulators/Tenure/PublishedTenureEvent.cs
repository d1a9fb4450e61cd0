namespace OrleansSync.Simulators.Tenure;

/// <summary>An event the simulator published and how its delivery went ("pending", "delivered", "failed", "skipped").</summary>
public sealed class PublishedTenureEvent(TenureEntityEvent entityEvent)
{
    public TenureEntityEvent Event { get; } = entityEvent;

    public string Status { get; set; } = "pending";
}
