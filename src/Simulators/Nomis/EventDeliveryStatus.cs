namespace OrleansSync.Simulators.Nomis;

/// <summary>Delivery states shown by <c>GET {prefix}/admin/events</c>.</summary>
public static class EventDeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>No <see cref="NomisSimulatorOptions.EventsUrl"/> configured: recorded, not sent.</summary>
    public const string Skipped = "skipped";
}
