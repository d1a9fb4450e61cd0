namespace OrleansSync.Runtime;

/// <summary>What a reminder tick knows: when it was due, its period, and when it was delivered.</summary>
public readonly record struct TickStatus(DateTimeOffset DueAt, TimeSpan Period, DateTimeOffset CurrentTickTime);
