using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;

namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// Other privileges in a run, in the steps of <see cref="LevelMigration"/> and <see cref="PrisonLevelMigration"/> (so they
/// share their checkpoints): with the global levels, each IEP_OTH_PRIV reference code
/// (GET /incentives/other-privileges/reference-codes/{code}) becomes the hub's privilege (description, active, sequence);
/// with each prison, each of its NOMIS levels' set of other privileges (GET /incentives/prison/{prison}/code/{level}/other-privileges)
/// becomes the hub's set, taken or skipped whole. A set naming a privilege the hub does not hold, or assigning privileges to
/// a level not active in the prison (as the prison is after its levels were migrated in the same step), is skipped with the
/// reason. An inactive privilege is taken where NOMIS assigns it: the hub too keeps assignments of a deactivated privilege.
/// Nothing is raised as a change: NOMIS already holds what was migrated.
/// </summary>
internal static class OtherPrivilegeMigration
{
    /// <summary>Reads every code from NOMIS (null: NOMIS has no such code). Any NOMIS failure propagates: the step is retried.</summary>
    public static async Task<Dictionary<string, NomisReferenceCode?>> ReadPrivilegesAsync(NomisReferenceDataClient nomis, IReadOnlyList<string> codes)
    {
        var read = new Dictionary<string, NomisReferenceCode?>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            read[code] = await nomis.GetOtherPrivilegeAsync(code);
        }

        return read;
    }

    /// <summary>Writes the privileges inside the caller's unit of work, the reference-data lock held; returns one item per code.</summary>
    public static async Task<List<ReferenceDataMigrationItemRow>> WritePrivilegesAsync(Db db, IReadOnlyList<string> codes, IReadOnlyDictionary<string, NomisReferenceCode?> nomis)
    {
        var items = new List<ReferenceDataMigrationItemRow>();
        foreach (var code in codes)
        {
            var (outcome, reason) = await WritePrivilegeAsync(db, code, nomis[code]);
            items.Add(ReferenceDataMigrationItemRow.OtherPrivilege(code, outcome, reason));
        }

        return items;
    }

    /// <summary>The privilege codes NOMIS assigns to each of the prison's levels (levels without an IEP_LEVELS row left out). Any NOMIS failure propagates.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<string>>> ReadPrisonAsync(NomisReferenceDataClient nomis, string prisonId, IEnumerable<string> levelCodes)
    {
        var read = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var code in levelCodes)
        {
            if (await nomis.GetPrisonLevelOtherPrivilegesAsync(prisonId, code) is { } held)
            {
                read[code] = held.PrivilegeCodes;
            }
        }

        return read;
    }

    /// <summary>
    /// Writes the prison's sets inside the caller's unit of work, after its prison levels; returns one item per set NOMIS or
    /// the hub has (a level with none on either side is not a row to migrate).
    /// </summary>
    public static async Task<List<ReferenceDataMigrationItemRow>> WritePrisonAsync(Db db, string prisonId, IReadOnlyDictionary<string, IReadOnlyList<string>> nomis)
    {
        var items = new List<ReferenceDataMigrationItemRow>();
        foreach (var (levelCode, held) in nomis.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var wanted = held.Distinct(StringComparer.Ordinal).ToList();
            var current = (await OtherPrivilegeRows.OfPrisonLevelAsync(db, prisonId, levelCode)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            if (wanted.Count == 0 && current.Count == 0)
            {
                continue;
            }

            var (outcome, reason) = await WriteSetAsync(db, prisonId, levelCode, wanted, current);
            items.Add(ReferenceDataMigrationItemRow.PrisonLevelOtherPrivileges(prisonId, levelCode, outcome, reason));
        }

        return items;
    }

    private static async Task<(string Outcome, string? Reason)> WritePrivilegeAsync(Db db, string code, NomisReferenceCode? nomis)
    {
        if (nomis is null)
        {
            return (ReferenceDataMigrationOutcomes.Skipped, $"NOMIS has no IEP_OTH_PRIV reference code {code}.");
        }

        var description = nomis.Description.Trim();
        if (OtherPrivilegeRules.Refusal(code, description, nomis.Sequence) is { } refusal)
        {
            return (ReferenceDataMigrationOutcomes.Skipped, $"NOMIS' {refusal.Field} of {code} does not fit the hub's: {refusal.Message}");
        }

        if (await OtherPrivilegeRows.OneAsync(db, code) is not { } hub)
        {
            // Without a NOMIS sequence the privilege goes at the end of the hub's order.
            await OtherPrivilegeRows.InsertAsync(db, code, description, nomis.Active, nomis.Sequence);
            return (ReferenceDataMigrationOutcomes.Migrated, null);
        }

        var migrated = new OtherPrivilege(code, description, nomis.Active, nomis.Sequence ?? hub.Sequence);
        if (migrated == hub)
        {
            return (ReferenceDataMigrationOutcomes.Unchanged, null);
        }

        await OtherPrivilegeRows.UpdateAsync(db, migrated);
        return (ReferenceDataMigrationOutcomes.Migrated, null);
    }

    private static async Task<(string Outcome, string? Reason)> WriteSetAsync(Db db, string prisonId, string levelCode, List<string> wanted, HashSet<string> current)
    {
        var unknown = new List<string>();
        foreach (var code in wanted)
        {
            if (await OtherPrivilegeRows.OneAsync(db, code) is null)
            {
                unknown.Add(code);
            }
        }

        if (unknown.Count > 0)
        {
            return (ReferenceDataMigrationOutcomes.Skipped,
                $"NOMIS assigns other privileges {string.Join(',', unknown)} to {levelCode}, which are not hub privileges (their IEP_OTH_PRIV codes were not migrated).");
        }

        if (wanted.Count > 0 && await ReferenceDataRows.PrisonLevelAsync(db, prisonId, levelCode) is not { Active: true })
        {
            return (ReferenceDataMigrationOutcomes.Skipped,
                $"NOMIS assigns other privileges {string.Join(',', wanted)} to {levelCode}, but the level is not active in prison {prisonId} in the hub.");
        }

        if (current.SetEquals(wanted))
        {
            return (ReferenceDataMigrationOutcomes.Unchanged, null);
        }

        foreach (var code in current.Where(c => !wanted.Contains(c, StringComparer.Ordinal)))
        {
            await OtherPrivilegeRows.UnassignAsync(db, prisonId, levelCode, code);
        }

        foreach (var code in wanted.Where(c => !current.Contains(c)))
        {
            await OtherPrivilegeRows.AssignAsync(db, prisonId, levelCode, code);
        }

        return (ReferenceDataMigrationOutcomes.Migrated, null);
    }
}
