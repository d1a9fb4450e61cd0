using OrleansSync.Grains.Incentives;

namespace OrleansSync.Grains.ReferenceData.Reconciliation;

/// <summary>When the reference-data reconciliation runs by itself, whether it repairs, and how many reports are kept (section ReferenceData:Reconciliation).</summary>
public sealed class ReferenceDataReconciliationOptions
{
    public const string SectionName = "ReferenceData:Reconciliation";

    /// <summary>Daily at 03:30: reference data changes rarely, a run takes seconds, and it keeps clear of the incentives reconciliation (Monday 03:00).</summary>
    public const string ScheduleDefault = "30 3 * * *";

    public const string TimeZoneDefault = "Europe/London";

    /// <summary>About a month of daily reports.</summary>
    public const int KeepReportsDefault = 30;

    /// <summary>Five-field cron (minute hour day-of-month month day-of-week); empty or "off" disables the scheduled run.</summary>
    public string Schedule { get; set; } = ScheduleDefault;

    public string TimeZone { get; set; } = TimeZoneDefault;

    /// <summary>Whether a scheduled run pushes each mismatched entity again (an on-demand run says so itself: ?repair=true).</summary>
    public bool Repair { get; set; }

    public int KeepReports { get; set; } = KeepReportsDefault;

    public bool IsScheduled => !string.IsNullOrWhiteSpace(Schedule) && !string.Equals(Schedule.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Fails start-up with every problem named.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (IsScheduled && !CronSchedule.TryParse(Schedule, out _, out var cronError))
        {
            problems.Add($"{SectionName}:Schedule is not a valid cron expression: {cronError}");
        }

        try
        {
            _ = Zone;
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"{SectionName}:TimeZone '{TimeZone}' is not a known time zone.");
        }

        if (KeepReports < 1)
        {
            problems.Add($"{SectionName}:KeepReports must be at least 1.");
        }

        return problems;
    }
}
