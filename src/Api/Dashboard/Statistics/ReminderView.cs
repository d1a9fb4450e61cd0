namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>One durable reminder as listed for operators.</summary>
public sealed record ReminderView(string GrainType, string GrainKey, string Name, int Partition, TimeSpan Period, DateTimeOffset DueAt, bool Overdue);
