namespace OrleansSync.Simulators.Nomis;

/// <summary>A write to OFFENDER_IEP_LEVELS, as the NOMIS trigger sees it: the input of an offender event.</summary>
internal sealed record IepChange(
    string EventType,
    string OffenderNo,
    long BookingId,
    long Sequence,
    string AgencyLocationId,
    string IepLevel,
    string AuditModuleName);
