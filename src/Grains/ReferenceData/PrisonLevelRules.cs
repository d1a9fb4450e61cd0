using OrleansSync.Grains.ReferenceData.Data;
using static OrleansSync.Grains.ReferenceData.IncentiveLevelErrorCodes;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// incentives-api's rules for the levels of a prison (PrisonIncentiveLevelService, CONTRACTS.md §3.5,
/// errors 200–204), applied inside a <see cref="ReferenceDataChanges"/>. A prison level with no row is
/// inactive; a new row starts active, not default, with the policy's values.
/// </summary>
internal static class PrisonLevelRules
{
    public static async Task<ReferenceDataError?> UpdateAsync(ReferenceDataChanges changes, string prisonId, string levelCode, PrisonIncentiveLevelUpdate update)
    {
        if (changes.Level(levelCode) is not { } level)
        {
            return ReferenceDataError.NotFound($"No incentive level found for code {levelCode}");
        }

        var stored = await ReferenceDataRows.OfPrisonAsync(changes.Db, prisonId);
        var before = stored.GetValueOrDefault(levelCode);
        var after = (before ?? changes.PolicyOf(levelCode).NewRow(prisonId, levelCode, active: true)).With(update);

        if (!after.Active && after.DefaultOnAdmission)
        {
            return ReferenceDataError.Rule(PrisonIncentiveLevelActiveIfDefault, "A level cannot be made inactive and still be the default for admission");
        }

        if (!after.Active && level.Required)
        {
            return ReferenceDataError.Rule(PrisonIncentiveLevelActiveIfRequired, "A level cannot be made inactive and when it is globally required");
        }

        if (after.Active && !level.Active)
        {
            return ReferenceDataError.Rule(PrisonIncentiveLevelNotGloballyActive, "A level cannot be made active and when it is globally inactive");
        }

        if (!after.DefaultOnAdmission && !stored.Values.Any(r => r.LevelCode != levelCode && r.Active && r.DefaultOnAdmission))
        {
            return ReferenceDataError.Rule(PrisonIncentiveLevelDefaultRequired, "A level must be the default for admission, as the prison has no other default");
        }

        if (before is { Active: true } && !after.Active && await ReferenceDataRows.PrisonersOnLevelAsync(changes.Db, prisonId, levelCode) > 0)
        {
            return ReferenceDataError.Rule(PrisonIncentiveLevelActiveIfPrisonersExist, "A level must remain active if there are prisoners on it currently");
        }

        await changes.WritePrisonLevelsAsync(stored, [after, .. after.DefaultOnAdmission ? Undefaulted(stored, levelCode) : []]);
        return null;
    }

    /// <summary>Required levels active (new rows with the policy's values), Standard the default, every other level as it was but not default.</summary>
    public static async Task ResetAsync(ReferenceDataChanges changes, string prisonId)
    {
        const string DefaultLevel = "STD";
        var stored = await ReferenceDataRows.OfPrisonAsync(changes.Db, prisonId);
        var wanted = new Dictionary<string, PrisonLevelRow>(stored, StringComparer.Ordinal);
        foreach (var level in changes.Levels.Where(l => l.Required && l.Active))
        {
            wanted[level.Code] = (stored.GetValueOrDefault(level.Code) ?? changes.PolicyOf(level.Code).NewRow(prisonId, level.Code, active: true)) with { Active = true };
        }

        foreach (var code in wanted.Keys.ToList())
        {
            wanted[code] = wanted[code] with { DefaultOnAdmission = code == DefaultLevel && wanted[code].Active };
        }

        await changes.WritePrisonLevelsAsync(stored, wanted.Values);
    }

    /// <summary>Every level of the prison inactive and not default; refused (202, moreInfo the level codes) while prisoners are on any active one.</summary>
    public static async Task<ReferenceDataError?> DeactivateAllAsync(ReferenceDataChanges changes, string prisonId)
    {
        var stored = await ReferenceDataRows.OfPrisonAsync(changes.Db, prisonId);
        var occupied = new List<string>();
        foreach (var row in stored.Values.Where(r => r.Active).OrderBy(r => SequenceOf(changes, r.LevelCode)))
        {
            if (await ReferenceDataRows.PrisonersOnLevelAsync(changes.Db, prisonId, row.LevelCode) > 0)
            {
                occupied.Add(row.LevelCode);
            }
        }

        if (occupied.Count > 0)
        {
            return ReferenceDataError.Rule(PrisonIncentiveLevelActiveIfPrisonersExist, "A level must remain active if there are prisoners on it currently", string.Join(',', occupied));
        }

        await changes.WritePrisonLevelsAsync(stored, stored.Values.Select(r => r with { Active = false, DefaultOnAdmission = false }));
        return null;
    }

    /// <summary>A required level is active in every prison that has any active level (rows created with the policy's values).</summary>
    public static async Task ActivateInEveryPrisonAsync(ReferenceDataChanges changes, string levelCode)
    {
        foreach (var prisonId in await ReferenceDataRows.PrisonsWithActiveLevelsAsync(changes.Db))
        {
            var stored = await ReferenceDataRows.OfPrisonAsync(changes.Db, prisonId);
            var row = stored.GetValueOrDefault(levelCode) ?? changes.PolicyOf(levelCode).NewRow(prisonId, levelCode, active: true);
            await changes.WritePrisonLevelsAsync(stored, [row with { Active = true }]);
        }
    }

    /// <summary>The prison's levels as the API shows them, in the global order; missing rows as inactive with policy values when <paramref name="withInactive"/>.</summary>
    public static IReadOnlyList<PrisonIncentiveLevel> Present(IReadOnlyList<LevelRow> levels, IReadOnlyDictionary<string, PrisonLevelRow> stored,
        Func<string, LevelPolicy> policyOf, string prisonId, bool withInactive) =>
        [.. levels
            .Select(level => (level, row: stored.GetValueOrDefault(level.Code) ?? policyOf(level.Code).NewRow(prisonId, level.Code, active: false)))
            .Where(x => withInactive || x.row.Active)
            .Select(x => x.row.ToPrisonLevel(x.level.Name))];

    private static IEnumerable<PrisonLevelRow> Undefaulted(Dictionary<string, PrisonLevelRow> stored, string levelCode) =>
        stored.Values.Where(r => r.LevelCode != levelCode && r.DefaultOnAdmission).Select(r => r with { DefaultOnAdmission = false });

    private static int SequenceOf(ReferenceDataChanges changes, string code) => changes.Level(code)?.Sequence ?? int.MaxValue;
}
