namespace OrleansSync.Grains.Incentives;

/// <summary>
/// A comparison of every active NOMIS prisoner's current IEP level with the current DPS review of the
/// same booking (prisoner-to-nomis-update's incentives reconciliation). Status RUNNING, COMPLETED or
/// FAILED; Trigger SCHEDULED or ON_DEMAND. <see cref="Mismatches"/> is empty in lists.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveReconciliationReport(
    string Id,
    string Trigger,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int PrisonersChecked,
    int MismatchCount,
    int ErrorCount,
    string? Detail,
    IReadOnlyList<IncentiveLevelMismatch> Mismatches)
{
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Scheduled = "SCHEDULED";
    public const string OnDemand = "ON_DEMAND";
}

/// <summary>A prisoner whose current levels differ (telemetry incentives-reports-reconciliation-mismatch); a null level means none.</summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveLevelMismatch(string PrisonerNumber, long BookingId, string? NomisIncentiveLevel, string? DpsIncentiveLevel);
