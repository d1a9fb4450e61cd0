namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Which NOMIS IEPs a migration takes (incentives-migration-filter-request.json): those created from
/// <see cref="FromDate"/> to <see cref="ToDate"/> inclusive; either bound may be left open.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MigrationFilter(DateOnly? FromDate = null, DateOnly? ToDate = null);
