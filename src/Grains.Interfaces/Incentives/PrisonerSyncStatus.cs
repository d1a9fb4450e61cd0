namespace OrleansSync.Grains.Incentives;

/// <summary>Where each of a prisoner's reviews stands in the sync: its mapping, and what happened when it was sent to NOMIS.</summary>
[GenerateSerializer, Immutable]
public sealed record PrisonerSyncStatus(string PrisonerNumber, IReadOnlyList<IncentiveSyncEntry> Reviews);

/// <summary>
/// One review: <see cref="Origin"/> is DPS, NOMIS or MIGRATION. <see cref="ToNomisStatus"/> is set for DPS
/// reviews written to NOMIS: MAPPED, MAPPING_PENDING (retrying the mapping write) or MAPPING_CONFLICT
/// (the NOMIS ids or the review were already mapped otherwise; reported, not retried).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveSyncEntry(
    long IncentiveId,
    long BookingId,
    string IepCode,
    DateTime IepTime,
    bool Current,
    string Origin,
    IncentiveMapping? Mapping,
    string? ToNomisStatus,
    long? ToNomisBookingId,
    long? ToNomisSequence,
    string? ToNomisDetail);
