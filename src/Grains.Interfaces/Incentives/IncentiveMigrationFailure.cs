namespace OrleansSync.Grains.Incentives;

/// <summary>A NOMIS IEP a migration could not migrate, with the reason; a later run migrates it if it is still unmapped.</summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveMigrationFailure(long NomisBookingId, long NomisIncentiveSequence, string Reason, DateTimeOffset FailedAt);
