using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// Compares the hub's reference data with NOMIS': every level with its IEP_LEVEL reference code, every prison level
/// the hub holds with IEP_LEVELS and VISIT_ALLOWANCE_LEVELS. A repair raises the entity's change event again, so its
/// own grain pushes it the usual way (in order with any other change, retried, dead-lettered). The last report is
/// kept in memory: the data is small and a run takes seconds.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class ReferenceDataReconciliationGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    TimeProvider time,
    ILogger<ReferenceDataReconciliationGrain> logger) : EntityGrain, IReferenceDataReconciliationGrain
{
    public const string GrainTypeName = "reference-data.reconciliation";

    private ReferenceDataReconciliationReport? _last;

    Task<ReferenceDataReconciliationReport?> IReferenceDataReconciliationGrain.GetLastAsync() => Task.FromResult(_last);

    async Task<ReferenceDataReconciliationReport> IReferenceDataReconciliationGrain.RunAsync(bool repair)
    {
        var (levels, rows) = await Db.ReadAsync(database, async db => (await ReferenceDataRows.AllLevelsAsync(db), await ReferenceDataRows.AllPrisonLevelsAsync(db)));
        var mismatches = new List<ReferenceDataMismatch>();
        var stale = new List<(string Namespace, string Key, string Payload)>();
        string? error = null;
        try
        {
            foreach (var level in levels)
            {
                var code = await nomis.GetReferenceCodeAsync(level.Code);
                if (code is null || code.Description != level.Name || code.Active != level.Active)
                {
                    mismatches.Add(new ReferenceDataMismatch($"level/{level.Code}", $"{level.Name}, active {level.Active}", code is null ? null : $"{code.Description}, active {code.Active}"));
                    stale.Add((ReferenceDataStreams.LevelEvents, level.Code, ReferenceDataEvents.Level(level.Code, time)));
                }
            }

            foreach (var row in rows)
            {
                var name = levels.FirstOrDefault(l => l.Code == row.LevelCode)?.Name ?? row.LevelCode;
                var request = NomisPrisonIncentiveLevelRequest.From(row.ToPrisonLevel(name), withCode: true);
                var held = await nomis.GetPrisonLevelAsync(row.PrisonId, row.LevelCode);
                if (held is null || !request.Matches(held))
                {
                    mismatches.Add(new ReferenceDataMismatch($"prison-level/{row.PrisonId}/{row.LevelCode}", Describe(request), held is null ? null : Describe(held)));
                    stale.Add((ReferenceDataStreams.PrisonLevelEvents, PrisonLevelKey.Of(row.PrisonId, row.LevelCode), ReferenceDataEvents.PrisonLevel(row.PrisonId, row.LevelCode, time)));
                }
            }
        }
        catch (NomisApiException exception)
        {
            error = exception.Message;
        }

        if (repair && stale.Count > 0)
        {
            await using var unitOfWork = await BeginUnitOfWorkAsync();
            foreach (var (streamNamespace, key, payload) in stale)
            {
                unitOfWork.Publish(streamNamespace, key, $"reconciliation-repair/{key}/{Guid.NewGuid():N}", payload);
            }

            await unitOfWork.CommitAsync();
        }

        _last = new ReferenceDataReconciliationReport(time.GetUtcNow(), levels.Count, rows.Count, mismatches.Count, repair ? stale.Count : 0, error, mismatches);
        logger.LogInformation("{GrainType} {GrainKey}: {Levels} levels and {PrisonLevels} prison levels compared with NOMIS; {Mismatches} mismatches, {Repaired} pushed again{Error}",
            GrainTypeName, EntityKey, levels.Count, rows.Count, mismatches.Count, _last.Repaired, error is null ? "" : $"; stopped: {error}");
        return _last;
    }

    private static string Describe(NomisPrisonIncentiveLevelRequest r) =>
        $"active {r.Active}, default {r.DefaultOnAdmission}, VO {r.VisitOrderAllowance}, PVO {r.PrivilegedVisitOrderAllowance}, remand {r.RemandTransferLimitInPence}/{r.RemandSpendLimitInPence}, convicted {r.ConvictedTransferLimitInPence}/{r.ConvictedSpendLimitInPence}";

    private static string Describe(NomisPrisonIncentiveLevel n) =>
        $"active {n.Active}, default {n.DefaultOnAdmission}, VO {n.VisitOrderAllowance}, PVO {n.PrivilegedVisitOrderAllowance}, remand {n.RemandTransferLimitInPence}/{n.RemandSpendLimitInPence}, convicted {n.ConvictedTransferLimitInPence}/{n.ConvictedSpendLimitInPence}";
}
