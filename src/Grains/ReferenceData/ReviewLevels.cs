using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// What the reference data allows a review: a level active in the prisoner's prison, and the prison's default
/// on admission. A prison whose levels were never set up here (not migrated from NOMIS yet) allows every globally
/// active level and admits at Standard, so reviews keep working until its reference data arrives.
/// </summary>
internal static class ReviewLevels
{
    /// <summary>Standard: the default <c>reset</c> gives a prison, and the one of a prison not set up yet.</summary>
    public const string FallbackDefault = "STD";

    /// <summary>The levels a review in the prison may carry, in the global order.</summary>
    public static async Task<IReadOnlyList<string>> ActiveInPrisonAsync(Db db, string prisonId)
    {
        var levels = await ReferenceDataRows.AllLevelsAsync(db);
        var rows = await ReferenceDataRows.OfPrisonAsync(db, prisonId);
        var configured = rows.Values.Any(r => r.Active);
        return [.. levels.Where(l => l.Active && (!configured || rows.GetValueOrDefault(l.Code)?.Active == true)).Select(l => l.Code)];
    }

    /// <summary>Why the level may not be given in the prison, or null when it may.</summary>
    public static async Task<string?> RefusalAsync(Db db, string prisonId, string levelCode) =>
        await ActiveInPrisonAsync(db, prisonId) is var active && active.Contains(levelCode)
            ? null
            : $"Incentive level {levelCode} is not active in prison {prisonId}; the active levels are {string.Join(", ", active)}.";

    public static async Task<string> DefaultOnAdmissionAsync(Db db, string prisonId) =>
        (await ReferenceDataRows.OfPrisonAsync(db, prisonId)).Values.FirstOrDefault(r => r.Active && r.DefaultOnAdmission)?.LevelCode ?? FallbackDefault;
}
