using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// One level in one prison (key <c>{prisonId}/{levelCode}</c>). Its changes are turns of this grain, and so is its
/// push to NOMIS: every incentives.prison-level.changed of the key (from this grain, the prison's, or a global
/// level's change) is delivered here in order and written to IEP_LEVELS and VISIT_ALLOWANCE_LEVELS.
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(ReferenceDataStreams.PrisonLevelEvents)]
public sealed class PrisonIncentiveLevelGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    TimeProvider time,
    ILogger<PrisonIncentiveLevelGrain> logger) : EntityGrain, IPrisonIncentiveLevelGrain, IStreamSubscriber
{
    public const string GrainTypeName = "reference-data.prison-incentive-level";

    Task<PrisonIncentiveLevel?> IPrisonIncentiveLevelGrain.GetAsync()
    {
        var (prisonId, levelCode) = Key();
        return Db.ReadAsync(database, db => ReferenceDataReads.PrisonLevelAsync(db, prisonId, levelCode));
    }

    async Task<ReferenceDataResult<PrisonIncentiveLevel>> IPrisonIncentiveLevelGrain.UpdateAsync(PrisonIncentiveLevelUpdate update)
    {
        var (prisonId, levelCode) = Key();
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var changes = await ReferenceDataChanges.BeginAsync(unitOfWork);
            if (await PrisonLevelRules.UpdateAsync(changes, prisonId, levelCode, update) is { } error)
            {
                return ReferenceDataResult<PrisonIncentiveLevel>.Failed(error);
            }

            changes.Publish(unitOfWork, time);
            await unitOfWork.CommitAsync();
            logger.LogInformation("{GrainType} {GrainKey}: prison level changed ({Rows} rows written)", GrainTypeName, EntityKey, changes.PrisonLevelsWritten.Count);
        }

        return ReferenceDataResult<PrisonIncentiveLevel>.Ok((await Db.ReadAsync(database, db => ReferenceDataReads.PrisonLevelAsync(db, prisonId, levelCode)))!);
    }

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        var (prisonId, levelCode) = Key();
        var (level, row) = await Db.ReadAsync(database, async db =>
            (await ReferenceDataReads.LevelAsync(db, levelCode), await ReferenceDataRows.PrisonLevelAsync(db, prisonId, levelCode)));
        if (level is null || row is null)
        {
            logger.LogWarning("{GrainType} {GrainKey}: {MessageId} names a prison level the hub does not hold; nothing to push", GrainTypeName, EntityKey, message.MessageId);
            return;
        }

        var prisonLevel = row.ToPrisonLevel(level.Name);
        var request = NomisPrisonIncentiveLevelRequest.From(prisonLevel, withCode: true);
        string outcome;
        try
        {
            // IEP_LEVELS refers to the reference code: a level whose own push has not run yet is created first.
            await NomisReferenceDataPush.EnsureLevelAsync(nomis, level);
            outcome = await NomisReferenceDataPush.PushPrisonLevelAsync(nomis, prisonLevel, request);
        }
        catch (NomisApiException exception)
        {
            logger.LogWarning("{GrainType} {GrainKey}: prison level could not be pushed to NOMIS, will retry: {Error}", GrainTypeName, EntityKey, exception.Message);
            throw;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await NomisReferenceDataPush.RecordAsync(unitOfWork, $"prison-level/{EntityKey}", outcome, request);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: NOMIS prison level {Outcome}", GrainTypeName, EntityKey, outcome);
    }

    private (string PrisonId, string LevelCode) Key() =>
        PrisonLevelKey.TryParse(EntityKey, out var prisonId, out var levelCode)
            ? (prisonId, levelCode)
            : throw new InvalidOperationException($"'{EntityKey}' is not a prison level key ({{prisonId}}/{{levelCode}}).");
}
