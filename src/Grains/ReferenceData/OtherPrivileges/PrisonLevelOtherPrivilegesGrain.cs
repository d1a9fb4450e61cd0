using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// The other privileges of one level in one prison (key <c>{prisonId}/{levelCode}</c>), holding the whole set rather
/// than one grain per privilege: the API replaces the set in one call, NOMIS' push replaces the set in one call, and
/// one grain per prison level keeps both in order with a single event per change (a grain per privilege would
/// push a set change as many racing writes to the same NOMIS rows). Its changes are turns of this grain, and so
/// is its push: incentives.other-privileges.changed <c>{incentiveLevel, prisonId}</c> comes back here in order.
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(OtherPrivilegeStreams.PrisonLevelEvents)]
public sealed class PrisonLevelOtherPrivilegesGrain(
    NpgsqlDataSource database,
    NomisReferenceDataClient nomis,
    TimeProvider time,
    ILogger<PrisonLevelOtherPrivilegesGrain> logger) : EntityGrain, IPrisonLevelOtherPrivilegesGrain, IStreamSubscriber
{
    public const string GrainTypeName = "reference-data.prison-level-other-privileges";

    async Task<PrisonLevelOtherPrivileges?> IPrisonLevelOtherPrivilegesGrain.GetAsync()
    {
        var (prisonId, levelCode) = Key();
        return await Db.ReadAsync(database, async db => await ReferenceDataReads.LevelAsync(db, levelCode) is null
            ? null
            : new PrisonLevelOtherPrivileges(prisonId, levelCode, await OtherPrivilegeRows.OfPrisonLevelAsync(db, prisonId, levelCode)));
    }

    async Task<OtherPrivilegeResult<PrisonLevelOtherPrivileges>> IPrisonLevelOtherPrivilegesGrain.SetAsync(IReadOnlyList<string> privilegeCodes)
    {
        var (prisonId, levelCode) = Key();
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        var db = Db.Of(unitOfWork);

        // The rules span entities (the privileges, the level, the prison level): the reference-data lock orders this
        // write with every change of those.
        await ReferenceDataRows.LockAsync(db);
        if (await ReferenceDataReads.LevelAsync(db, levelCode) is null)
        {
            return Refused(OtherPrivilegeRefusal.Invalid("levelCode", $"No incentive level found for code {levelCode}"));
        }

        var current = await OtherPrivilegeRows.OfPrisonLevelAsync(db, prisonId, levelCode);
        var assigned = current.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var wanted = privilegeCodes.Distinct(StringComparer.Ordinal).ToList();
        var added = wanted.Where(c => !assigned.Contains(c)).ToList();
        foreach (var code in added)
        {
            var privilege = await OtherPrivilegeRows.OneAsync(db, code);
            if (privilege is null)
            {
                return Refused(OtherPrivilegeRefusal.Invalid("privilegeCodes", $"No other privilege found for code {code}"));
            }

            // An assigned privilege that was deactivated later may stay; a new assignment needs an active one.
            if (!privilege.Active)
            {
                return Refused(OtherPrivilegeRefusal.Invalid("privilegeCodes", $"Other privilege {code} is inactive"));
            }
        }

        if (added.Count > 0 && await ReferenceDataRows.PrisonLevelAsync(db, prisonId, levelCode) is not { Active: true })
        {
            return Refused(OtherPrivilegeRefusal.Invalid("levelCode", $"Incentive level {levelCode} is not active in prison {prisonId}"));
        }

        var removed = assigned.Where(c => !wanted.Contains(c)).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return OtherPrivilegeResult<PrisonLevelOtherPrivileges>.Ok(new PrisonLevelOtherPrivileges(prisonId, levelCode, current));
        }

        foreach (var code in removed)
        {
            await OtherPrivilegeRows.UnassignAsync(db, prisonId, levelCode, code);
        }

        foreach (var code in added)
        {
            await OtherPrivilegeRows.AssignAsync(db, prisonId, levelCode, code);
        }

        var after = new PrisonLevelOtherPrivileges(prisonId, levelCode, await OtherPrivilegeRows.OfPrisonLevelAsync(db, prisonId, levelCode));
        unitOfWork.Publish(OtherPrivilegeStreams.PrisonLevelEvents, EntityKey, $"{OtherPrivilegeEvents.Changed}/{EntityKey}/{Guid.NewGuid():N}",
            OtherPrivilegeEvents.PrisonLevel(prisonId, levelCode, time));
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: other privileges now {Codes} ({Added} added, {Removed} removed)",
            GrainTypeName, EntityKey, string.Join(',', after.Privileges.Select(p => p.Code)), added.Count, removed.Count);
        return OtherPrivilegeResult<PrisonLevelOtherPrivileges>.Ok(after);
    }

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        var (prisonId, levelCode) = Key();
        var (level, row, privileges) = await Db.ReadAsync(database, async db => (
            await ReferenceDataReads.LevelAsync(db, levelCode),
            await ReferenceDataRows.PrisonLevelAsync(db, prisonId, levelCode),
            await OtherPrivilegeRows.OfPrisonLevelAsync(db, prisonId, levelCode)));
        if (level is null)
        {
            logger.LogWarning("{GrainType} {GrainKey}: {MessageId} names a level the hub does not hold; nothing to push", GrainTypeName, EntityKey, message.MessageId);
            return;
        }

        string outcome;
        try
        {
            outcome = await NomisOtherPrivilegesPush.PushPrisonLevelAsync(nomis, prisonId, levelCode, privileges, level, row?.ToPrisonLevel(level.Name));
        }
        catch (NomisApiException exception)
        {
            logger.LogWarning("{GrainType} {GrainKey}: other privileges could not be pushed to NOMIS, will retry: {Error}", GrainTypeName, EntityKey, exception.Message);
            throw;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await NomisReferenceDataPush.RecordAsync(unitOfWork, $"other-privileges/{EntityKey}", outcome, privileges.Select(p => p.Code).ToArray());
        await unitOfWork.CommitAsync();
        logger.LogInformation("{GrainType} {GrainKey}: NOMIS other privileges {Outcome}", GrainTypeName, EntityKey, outcome);
    }

    private static OtherPrivilegeResult<PrisonLevelOtherPrivileges> Refused(OtherPrivilegeRefusal refusal) => OtherPrivilegeResult<PrisonLevelOtherPrivileges>.Refused(refusal);

    private (string PrisonId, string LevelCode) Key() =>
        PrisonLevelKey.TryParse(EntityKey, out var prisonId, out var levelCode)
            ? (prisonId, levelCode)
            : throw new InvalidOperationException($"'{EntityKey}' is not a prison level key ({{prisonId}}/{{levelCode}}).");
}
