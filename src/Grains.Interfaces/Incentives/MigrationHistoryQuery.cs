namespace OrleansSync.Grains.Incentives;

/// <summary>Filters of GET /migrate/incentives/history: runs started in [From, To], optionally only those with failures.</summary>
[GenerateSerializer, Immutable]
public sealed record MigrationHistoryQuery(DateTimeOffset? From, DateTimeOffset? To, bool IncludeOnlyFailures);
