using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// The one-way push of other privileges to NOMIS, as the levels' push: read what NOMIS holds, then create or update
/// (nothing when it already matches), so a repeated or replayed push changes nothing. Failures propagate: the
/// stream retries the event with backoff, then dead-letters it (replayable).
/// </summary>
internal static class NomisOtherPrivilegesPush
{
    /// <summary>Makes NOMIS' IEP_OTH_PRIV reference code match the hub's privilege; returns what was done.</summary>
    public static async Task<string> PushPrivilegeAsync(NomisReferenceDataClient nomis, OtherPrivilege privilege)
    {
        var existing = await nomis.GetOtherPrivilegeAsync(privilege.Code);
        if (existing is null)
        {
            await nomis.CreateOtherPrivilegeAsync(new NomisCreateOtherPrivilegeRequest(privilege.Code, privilege.Description, privilege.Active, privilege.Sequence));
            return PushOutcomes.Created;
        }

        if (existing.Description == privilege.Description && existing.Active == privilege.Active && existing.Sequence == privilege.Sequence)
        {
            return PushOutcomes.Unchanged;
        }

        await nomis.UpdateOtherPrivilegeAsync(privilege.Code, new NomisUpdateOtherPrivilegeRequest(privilege.Description, privilege.Active, privilege.Sequence));
        return PushOutcomes.Updated;
    }

    /// <summary>
    /// Makes NOMIS' OTHER_PRIVILEGES_LEVELS rows of the prison level the hub's set. NOMIS refers to the privilege
    /// codes and to the IEP_LEVELS row, whose own pushes may not have run yet: what is missing is created first
    /// from the hub's current rows (<paramref name="prisonLevel"/> null when the hub never set the level up).
    /// </summary>
    public static async Task<string> PushPrisonLevelAsync(
        NomisReferenceDataClient nomis, string prisonId, string levelCode, IReadOnlyList<OtherPrivilege> privileges, IncentiveLevel level, PrisonIncentiveLevel? prisonLevel)
    {
        var held = await nomis.GetPrisonLevelOtherPrivilegesAsync(prisonId, levelCode);
        var wanted = privileges.Select(p => p.Code).ToList();
        if (held is null)
        {
            if (wanted.Count == 0 || prisonLevel is null)
            {
                // NOMIS has no such prison level, and nothing is assigned to it here: already in step.
                return PushOutcomes.Unchanged;
            }

            await NomisReferenceDataPush.EnsureLevelAsync(nomis, level);
            await NomisReferenceDataPush.PushPrisonLevelAsync(nomis, prisonLevel, NomisPrisonIncentiveLevelRequest.From(prisonLevel, withCode: true));
        }
        else if (held.PrivilegeCodes.Order(StringComparer.Ordinal).SequenceEqual(wanted.Order(StringComparer.Ordinal)))
        {
            return PushOutcomes.Unchanged;
        }

        foreach (var privilege in privileges)
        {
            if (await nomis.GetOtherPrivilegeAsync(privilege.Code) is null)
            {
                await nomis.CreateOtherPrivilegeAsync(new NomisCreateOtherPrivilegeRequest(privilege.Code, privilege.Description, privilege.Active, privilege.Sequence));
            }
        }

        await nomis.SetPrisonLevelOtherPrivilegesAsync(prisonId, levelCode, wanted);
        return PushOutcomes.Updated;
    }
}
