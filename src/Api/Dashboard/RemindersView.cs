namespace OrleansSync.Api.Dashboard;

/// <summary>
/// GET /api/dashboard/reminders: a page of durable reminders in due order (keyset paging: pass
/// <see cref="Next"/> as <c>after</c>; null when this page is the last), the total, and how many are
/// due now and overdue (due for longer than a poll interval and a second: delivery is falling
/// behind), as the owning silos last counted them.
/// </summary>
public sealed record ReminderPage(DateTimeOffset At, IReadOnlyList<ReminderItem> Items, long Total, long Due, long Overdue, string? Next);

/// <summary>One reminder; DueInSeconds is negative when it is past due.</summary>
public sealed record ReminderItem(string GrainType, string GrainKey, string Name, int Partition, double PeriodSeconds, DateTimeOffset DueAt, double DueInSeconds, bool Overdue);
