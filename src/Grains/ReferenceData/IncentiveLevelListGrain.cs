using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// The ordered list of global levels (key <see cref="IIncentiveLevelListGrain.Key"/>): reordering, and the push of
/// the order to NOMIS when incentives.levels.reordered comes back here.
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(ReferenceDataStreams.LevelOrderEvents)]
public sealed class IncentiveLevelListGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    TimeProvider time,
    ILogger<IncentiveLevelListGrain> logger) : EntityGrain, IIncentiveLevelListGrain, IStreamSubscriber
{
    public const string GrainTypeName = "reference-data.incentive-levels";

    Task<IReadOnlyList<IncentiveLevel>> IIncentiveLevelListGrain.GetAllAsync(bool withInactive) =>
        Db.ReadAsync(database, db => ReferenceDataReads.LevelsAsync(db, withInactive));

    async Task<ReferenceDataResult<IReadOnlyList<IncentiveLevel>>> IIncentiveLevelListGrain.ReorderAsync(IReadOnlyList<string> codes)
    {
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var changes = await ReferenceDataChanges.BeginAsync(unitOfWork);
            if (await IncentiveLevelRules.ReorderAsync(changes, codes) is { } error)
            {
                return ReferenceDataResult<IReadOnlyList<IncentiveLevel>>.Failed(error);
            }

            changes.Publish(unitOfWork, time);
            await unitOfWork.CommitAsync();
        }

        logger.LogInformation("{GrainType} {GrainKey}: levels ordered {Codes}", GrainTypeName, EntityKey, string.Join(',', codes));
        return ReferenceDataResult<IReadOnlyList<IncentiveLevel>>.Ok(await Db.ReadAsync(database, db => ReferenceDataReads.LevelsAsync(db, withInactive: true)));
    }

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        var levels = await Db.ReadAsync(database, db => ReferenceDataReads.LevelsAsync(db, withInactive: true));
        try
        {
            // NOMIS reorders only codes it knows: a level whose own push has not run yet is created first.
            foreach (var level in levels)
            {
                await NomisReferenceDataPush.EnsureLevelAsync(nomis, level);
            }

            await nomis.ReorderReferenceCodesAsync(new NomisReorderRequest([.. levels.Select(l => l.Code)]));
        }
        catch (NomisApiException exception)
        {
            logger.LogWarning("{GrainType} {GrainKey}: the level order could not be pushed to NOMIS, will retry: {Error}", GrainTypeName, EntityKey, exception.Message);
            throw;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await NomisReferenceDataPush.RecordAsync(unitOfWork, "order", PushOutcomes.Reordered, levels.Select(l => l.Code).ToArray());
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: NOMIS reference codes reordered", GrainTypeName, EntityKey);
    }
}
