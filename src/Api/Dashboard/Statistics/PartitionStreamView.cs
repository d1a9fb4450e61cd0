namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>A partition's stream backlog: pending messages, the age of the oldest, dead letters, and messages processed in the last minute.</summary>
public sealed record PartitionStreamView(int Partition, long Pending, double LagSeconds, long DeadLetters, long ProcessedLastMinute);
