using System.Diagnostics.Metrics;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Meter "OrleansSync.Incentives". <c>incentives.syncs</c> counts sync outcomes by direction
/// (dps-to-nomis, nomis-to-dps, repair) and outcome (created, updated, deleted, unchanged, ignored,
/// duplicate, failed, mapping-retry, mapping-retry-success, conflict); <c>incentives.echoes_suppressed</c>
/// counts changes not sent back where they came from; <c>incentives.reconciliation.mismatches</c> and
/// <c>incentives.migration.records</c> (by outcome: migrated, skipped, failed) count what their jobs found;
/// <c>incentives.nomis.requests</c> counts requests to NOMIS by result (HTTP status, timeout, error).
/// </summary>
public sealed class IncentivesMetrics
{
    public const string MeterName = "OrleansSync.Incentives";

    public const string DpsToNomis = "dps-to-nomis";
    public const string NomisToDps = "nomis-to-dps";
    public const string Repair = "repair";

    private readonly Counter<long> _syncs;
    private readonly Counter<long> _echoes;
    private readonly Counter<long> _mismatches;
    private readonly Counter<long> _migrationRecords;
    private readonly Counter<long> _nomisRequests;

    public IncentivesMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _syncs = meter.CreateCounter<long>("incentives.syncs", description: "Incentive sync outcomes by direction and outcome.");
        _echoes = meter.CreateCounter<long>("incentives.echoes_suppressed", description: "Changes not sent back to the side they came from.");
        _mismatches = meter.CreateCounter<long>("incentives.reconciliation.mismatches", description: "Prisoners whose current NOMIS and DPS levels differ, per report.");
        _migrationRecords = meter.CreateCounter<long>("incentives.migration.records", description: "NOMIS IEPs a migration migrated, skipped or failed.");
        _nomisRequests = meter.CreateCounter<long>("incentives.nomis.requests", description: "Requests to the NOMIS prisoner API by result (HTTP status, timeout, error).");
    }

    public void Sync(string direction, string outcome) =>
        _syncs.Add(1, new KeyValuePair<string, object?>("direction", direction), new KeyValuePair<string, object?>("outcome", outcome));

    public void EchoSuppressed(string direction) => _echoes.Add(1, new KeyValuePair<string, object?>("direction", direction));

    public void Mismatches(int count)
    {
        if (count > 0)
        {
            _mismatches.Add(count);
        }
    }

    public void MigrationRecords(string outcome, long count)
    {
        if (count > 0)
        {
            _migrationRecords.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void NomisRequest(string result) => _nomisRequests.Add(1, new KeyValuePair<string, object?>("result", result));
}
