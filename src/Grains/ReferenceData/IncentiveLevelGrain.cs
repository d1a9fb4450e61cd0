using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// One global incentive level (key: level code). Its changes are turns of this grain, and so is its push to
/// NOMIS: incentives.level.changed is delivered back here (in order per level) and written to REFERENCE_CODES.
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(ReferenceDataStreams.LevelEvents)]
public sealed class IncentiveLevelGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    TimeProvider time,
    ILogger<IncentiveLevelGrain> logger) : EntityGrain, IIncentiveLevelGrain, IStreamSubscriber
{
    public const string GrainTypeName = "reference-data.incentive-level";

    private string Code => EntityKey;

    Task<IncentiveLevel?> IIncentiveLevelGrain.GetAsync() => Db.ReadAsync(database, db => ReferenceDataReads.LevelAsync(db, Code));

    async Task<ReferenceDataResult<IncentiveLevel>> IIncentiveLevelGrain.CreateAsync(IncentiveLevel level)
    {
        if (level.Code != Code)
        {
            throw new ArgumentException($"Level {level.Code} is not this grain's ({Code}).", nameof(level));
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var changes = await ReferenceDataChanges.BeginAsync(unitOfWork);
        if (await IncentiveLevelRules.CreateAsync(changes, level) is { } error)
        {
            return ReferenceDataResult<IncentiveLevel>.Failed(error);
        }

        changes.Publish(unitOfWork, time);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: level created ({Name}, active {Active}, required {Required}); {PrisonLevels} prison levels activated",
            GrainTypeName, Code, level.Name, level.Active, level.Required, changes.PrisonLevelsWritten.Count);
        return ReferenceDataResult<IncentiveLevel>.Ok(level);
    }

    async Task<ReferenceDataResult<IncentiveLevel>> IIncentiveLevelGrain.UpdateAsync(IncentiveLevelUpdate update)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var changes = await ReferenceDataChanges.BeginAsync(unitOfWork);
        var result = await IncentiveLevelRules.UpdateAsync(changes, Code, update);
        if (result.Error is not null)
        {
            return result;
        }

        changes.Publish(unitOfWork, time);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: level now {Name}, active {Active}, required {Required}", GrainTypeName, Code, result.Value!.Name, result.Value.Active, result.Value.Required);
        return result;
    }

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        // The event is thin: whatever it says, the level as the hub holds it now is what NOMIS gets.
        if (await Db.ReadAsync(database, db => ReferenceDataReads.LevelAsync(db, Code)) is not { } level)
        {
            logger.LogWarning("{GrainType} {GrainKey}: {MessageId} names a level the hub does not hold; nothing to push", GrainTypeName, Code, message.MessageId);
            return;
        }

        string outcome;
        try
        {
            outcome = await NomisReferenceDataPush.PushLevelAsync(nomis, level);
        }
        catch (Incentives.Nomis.NomisApiException exception)
        {
            logger.LogWarning("{GrainType} {GrainKey}: level could not be pushed to NOMIS, will retry: {Error}", GrainTypeName, Code, exception.Message);
            throw;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await NomisReferenceDataPush.RecordAsync(unitOfWork, $"level/{Code}", outcome, level);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: NOMIS reference code {Outcome}", GrainTypeName, Code, outcome);
    }
}
