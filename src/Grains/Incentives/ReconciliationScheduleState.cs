namespace OrleansSync.Grains.Incentives;

/// <summary>The scheduled reconciliation's next run, and the schedule it was worked out from (a changed schedule re-times it).</summary>
public sealed class ReconciliationScheduleState
{
    public string? Schedule { get; set; }

    public string? TimeZone { get; set; }

    public DateTimeOffset? NextRunAt { get; set; }
}
