using System.Text.Json;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// The one-way push of reference data to NOMIS, as prisoner-to-nomis-update does it: read what NOMIS holds,
/// then create or update (nothing when it already matches), so a repeated or replayed push changes nothing.
/// Failures propagate: the stream retries the event with backoff and then dead-letters it (replayable).
/// </summary>
internal static class NomisReferenceDataPush
{
    /// <summary>Makes NOMIS' IEP_LEVEL reference code match the hub's level; returns what was done.</summary>
    public static async Task<string> PushLevelAsync(NomisReferenceDataClient nomis, IncentiveLevel level)
    {
        var existing = await nomis.GetReferenceCodeAsync(level.Code);
        if (existing is null)
        {
            await nomis.CreateReferenceCodeAsync(new NomisCreateReferenceCodeRequest(level.Code, level.Name, level.Active));
            return PushOutcomes.Created;
        }

        if (existing.Description == level.Name && existing.Active == level.Active)
        {
            return PushOutcomes.Unchanged;
        }

        await nomis.UpdateReferenceCodeAsync(level.Code, new NomisUpdateReferenceCodeRequest(level.Name, level.Active));
        return PushOutcomes.Updated;
    }

    /// <summary>Creates the level's reference code in NOMIS if it is missing (its own push may not have run yet).</summary>
    public static async Task EnsureLevelAsync(NomisReferenceDataClient nomis, IncentiveLevel level)
    {
        if (await nomis.GetReferenceCodeAsync(level.Code) is null)
        {
            await nomis.CreateReferenceCodeAsync(new NomisCreateReferenceCodeRequest(level.Code, level.Name, level.Active));
        }
    }

    /// <summary>Makes NOMIS' IEP_LEVELS and VISIT_ALLOWANCE_LEVELS rows of the prison level match the hub's.</summary>
    public static async Task<string> PushPrisonLevelAsync(NomisReferenceDataClient nomis, PrisonIncentiveLevel level, NomisPrisonIncentiveLevelRequest request)
    {
        var existing = await nomis.GetPrisonLevelAsync(level.PrisonId, level.LevelCode);
        if (existing is null)
        {
            await nomis.CreatePrisonLevelAsync(level.PrisonId, request);
            return PushOutcomes.Created;
        }

        if (request.Matches(existing))
        {
            return PushOutcomes.Unchanged;
        }

        await nomis.UpdatePrisonLevelAsync(level.PrisonId, level.LevelCode, request);
        return PushOutcomes.Updated;
    }

    /// <summary>Records what the push wrote, in the grain's unit of work (which also records the event consumed).</summary>
    public static async Task RecordAsync(IUnitOfWork unitOfWork, string entity, string outcome, object pushed) =>
        await ReferenceDataRows.RecordPushAsync(Db.Of(unitOfWork), entity, outcome, JsonSerializer.Serialize(pushed, pushed.GetType(), JsonSerializerOptions.Web));
}
