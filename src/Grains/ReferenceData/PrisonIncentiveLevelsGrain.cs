using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// The levels of one prison (key: prison id), for the changes that touch all of them at once (reset,
/// deactivate all). Each changed level raises its own incentives.prison-level.changed, which that prison
/// level's grain pushes to NOMIS.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class PrisonIncentiveLevelsGrain(
    NpgsqlDataSource database,
    TimeProvider time,
    ILogger<PrisonIncentiveLevelsGrain> logger) : EntityGrain, IPrisonIncentiveLevelsGrain
{
    public const string GrainTypeName = "reference-data.prison-incentive-levels";

    private string PrisonId => EntityKey;

    Task<IReadOnlyList<PrisonIncentiveLevel>> IPrisonIncentiveLevelsGrain.GetAllAsync(bool withInactive) =>
        Db.ReadAsync(database, db => ReferenceDataReads.PrisonLevelsAsync(db, PrisonId, withInactive));

    async Task<ReferenceDataResult<IReadOnlyList<PrisonIncentiveLevel>>> IPrisonIncentiveLevelsGrain.ResetAsync()
    {
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var changes = await ReferenceDataChanges.BeginAsync(unitOfWork);
            await PrisonLevelRules.ResetAsync(changes, PrisonId);
            changes.Publish(unitOfWork, time);
            await unitOfWork.CommitAsync();
            logger.LogInformation("{GrainType} {GrainKey}: levels reset ({Rows} rows written)", GrainTypeName, PrisonId, changes.PrisonLevelsWritten.Count);
        }

        return ReferenceDataResult<IReadOnlyList<PrisonIncentiveLevel>>.Ok(await Db.ReadAsync(database, db => ReferenceDataReads.PrisonLevelsAsync(db, PrisonId, withInactive: false)));
    }

    async Task<ReferenceDataResult<IReadOnlyList<PrisonIncentiveLevel>>> IPrisonIncentiveLevelsGrain.DeactivateAllAsync()
    {
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var changes = await ReferenceDataChanges.BeginAsync(unitOfWork);
            if (await PrisonLevelRules.DeactivateAllAsync(changes, PrisonId) is { } error)
            {
                return ReferenceDataResult<IReadOnlyList<PrisonIncentiveLevel>>.Failed(error);
            }

            changes.Publish(unitOfWork, time);
            await unitOfWork.CommitAsync();
            logger.LogInformation("{GrainType} {GrainKey}: every level deactivated ({Rows} rows written)", GrainTypeName, PrisonId, changes.PrisonLevelsWritten.Count);
        }

        return ReferenceDataResult<IReadOnlyList<PrisonIncentiveLevel>>.Ok(await Db.ReadAsync(database, db => ReferenceDataReads.PrisonLevelsAsync(db, PrisonId, withInactive: true)));
    }
}
