using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.ReferenceData.Data;

/// <summary>The reference data as the API shows it, read outside any unit of work.</summary>
internal static class ReferenceDataReads
{
    public static async Task<IncentiveLevel?> LevelAsync(Db db, string code) =>
        (await ReferenceDataRows.AllLevelsAsync(db)).FirstOrDefault(l => l.Code == code)?.ToLevel();

    public static async Task<IReadOnlyList<IncentiveLevel>> LevelsAsync(Db db, bool withInactive) =>
        [.. (await ReferenceDataRows.AllLevelsAsync(db)).Where(l => withInactive || l.Active).Select(l => l.ToLevel())];

    /// <summary>The prison level; one never set up is inactive with the policy's values. Null when the level does not exist at all.</summary>
    public static async Task<PrisonIncentiveLevel?> PrisonLevelAsync(Db db, string prisonId, string levelCode)
    {
        var levels = (await ReferenceDataRows.AllLevelsAsync(db)).Where(l => l.Code == levelCode).ToList();
        if (levels.Count == 0)
        {
            return null;
        }

        var stored = await ReferenceDataRows.OfPrisonAsync(db, prisonId);
        var policies = await ReferenceDataRows.PoliciesAsync(db);
        return PrisonLevelRules.Present(levels, stored, code => PolicyOf(policies, code), prisonId, withInactive: true).Single();
    }

    public static async Task<IReadOnlyList<PrisonIncentiveLevel>> PrisonLevelsAsync(Db db, string prisonId, bool withInactive)
    {
        var levels = await ReferenceDataRows.AllLevelsAsync(db);
        var stored = await ReferenceDataRows.OfPrisonAsync(db, prisonId);
        var policies = await ReferenceDataRows.PoliciesAsync(db);
        return PrisonLevelRules.Present(levels, stored, code => PolicyOf(policies, code), prisonId, withInactive);
    }

    public static LevelPolicy PolicyOf(IReadOnlyDictionary<string, LevelPolicy> policies, string code) =>
        policies.TryGetValue(code, out var policy) ? policy
        : policies.TryGetValue(LevelPolicy.FallbackLevel, out var fallback) ? fallback with { LevelCode = code }
        : new LevelPolicy(code, 0, 0, 0, 0, 0, 0);
}
