using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// One other privilege (key: its code). Its changes are turns of this grain, and so is its push to NOMIS:
/// incentives.other-privileges.changed <c>{privilegeCode}</c> is delivered back here (in order per code) and written
/// to REFERENCE_CODES (domain IEP_OTH_PRIV).
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(OtherPrivilegeStreams.PrivilegeEvents)]
public sealed class OtherPrivilegeGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    TimeProvider time,
    ILogger<OtherPrivilegeGrain> logger) : EntityGrain, IOtherPrivilegeGrain, IStreamSubscriber
{
    public const string GrainTypeName = "reference-data.other-privilege";

    private string Code => EntityKey;

    Task<OtherPrivilege?> IOtherPrivilegeGrain.GetAsync() => Db.ReadAsync(database, db => OtherPrivilegeRows.OneAsync(db, Code));

    async Task<OtherPrivilegeResult<OtherPrivilege>> IOtherPrivilegeGrain.CreateAsync(string description, bool active, int? sequence)
    {
        if (OtherPrivilegeRules.Refusal(Code, description, sequence) is { } invalid)
        {
            return OtherPrivilegeResult<OtherPrivilege>.Refused(invalid);
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);
        await ReferenceDataRows.LockAsync(db);
        if (await OtherPrivilegeRows.OneAsync(db, Code) is not null)
        {
            return OtherPrivilegeResult<OtherPrivilege>.Refused(OtherPrivilegeRefusal.Invalid("code", $"Other privilege with code {Code} already exists"));
        }

        var created = await OtherPrivilegeRows.InsertAsync(db, Code, description, active, sequence);
        Publish(unitOfWork);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: other privilege created ({Description}, active {Active}, sequence {Sequence})",
            GrainTypeName, Code, created.Description, created.Active, created.Sequence);
        return OtherPrivilegeResult<OtherPrivilege>.Ok(created);
    }

    async Task<OtherPrivilegeResult<OtherPrivilege>> IOtherPrivilegeGrain.UpdateAsync(OtherPrivilegeUpdate update)
    {
        if (OtherPrivilegeRules.Refusal(Code, update.Description, update.Sequence) is { } invalid)
        {
            return OtherPrivilegeResult<OtherPrivilege>.Refused(invalid);
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);
        await ReferenceDataRows.LockAsync(db);
        if (await OtherPrivilegeRows.OneAsync(db, Code) is not { } before)
        {
            return OtherPrivilegeResult<OtherPrivilege>.Refused(OtherPrivilegeRefusal.NotFound("code", $"No other privilege found for code {Code}"));
        }

        var after = new OtherPrivilege(Code, update.Description ?? before.Description, update.Active ?? before.Active, update.Sequence ?? before.Sequence);
        if (after == before)
        {
            return OtherPrivilegeResult<OtherPrivilege>.Ok(after);
        }

        await OtherPrivilegeRows.UpdateAsync(db, after);
        Publish(unitOfWork);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: other privilege now {Description}, active {Active}, sequence {Sequence}",
            GrainTypeName, Code, after.Description, after.Active, after.Sequence);
        return OtherPrivilegeResult<OtherPrivilege>.Ok(after);
    }

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        // The event is thin: whatever it says, the privilege as the hub holds it now is what NOMIS gets.
        if (await Db.ReadAsync(database, db => OtherPrivilegeRows.OneAsync(db, Code)) is not { } privilege)
        {
            logger.LogWarning("{GrainType} {GrainKey}: {MessageId} names an other privilege the hub does not hold; nothing to push", GrainTypeName, Code, message.MessageId);
            return;
        }

        string outcome;
        try
        {
            outcome = await NomisOtherPrivilegesPush.PushPrivilegeAsync(nomis, privilege);
        }
        catch (NomisApiException exception)
        {
            logger.LogWarning("{GrainType} {GrainKey}: other privilege could not be pushed to NOMIS, will retry: {Error}", GrainTypeName, Code, exception.Message);
            throw;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await NomisReferenceDataPush.RecordAsync(unitOfWork, $"other-privilege/{Code}", outcome, privilege);
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: NOMIS other privilege {Outcome}", GrainTypeName, Code, outcome);
    }

    private void Publish(IUnitOfWork unitOfWork) =>
        unitOfWork.Publish(OtherPrivilegeStreams.PrivilegeEvents, Code, $"{OtherPrivilegeEvents.Changed}/{Code}/{Guid.NewGuid():N}", OtherPrivilegeEvents.Privilege(Code, time));
}
