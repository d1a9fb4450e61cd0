namespace OrleansSync.Grains.Incentives;

/// <summary>
/// The id mapping between a DPS review and a NOMIS IEP (hmpps-nomis-mapping-service IncentiveMappingDto).
/// <see cref="MappingType"/> is INCENTIVE_CREATED, NOMIS_CREATED or MIGRATED; <see cref="Label"/> is the
/// migration id of a migrated one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveMapping(
    long NomisBookingId,
    long NomisIncentiveSequence,
    long IncentiveId,
    string? Label,
    string MappingType,
    DateTimeOffset WhenCreated)
{
    public const string IncentiveCreated = "INCENTIVE_CREATED";
    public const string NomisCreated = "NOMIS_CREATED";
    public const string Migrated = "MIGRATED";
}
