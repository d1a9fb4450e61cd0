namespace OrleansSync.Bench.Grains;

/// <summary>An inbound benchmark event: which change of the entity this is, and when it was appended.</summary>
public sealed record BenchEvent(int Sequence, DateTimeOffset AppendedAt);
