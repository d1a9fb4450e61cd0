namespace OrleansSync.Grains.Incentives;

/// <summary>
/// The outcome of re-sending a prisoner's current DPS review to NOMIS: the NOMIS row written (no
/// mapping is recorded, as in prisoner-to-nomis-update's repair), or why nothing was sent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RepairResult(bool Repaired, long? IncentiveId, string? IepCode, long? NomisBookingId, long? NomisSequence, string? Detail);
