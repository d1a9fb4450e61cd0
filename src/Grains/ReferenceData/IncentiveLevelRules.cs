using OrleansSync.Grains.ReferenceData.Data;
using static OrleansSync.Grains.ReferenceData.IncentiveLevelErrorCodes;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>incentives-api's rules for the global levels (IncentiveLevelService, CONTRACTS.md §3.5, errors 100–103), applied inside a <see cref="ReferenceDataChanges"/>.</summary>
internal static class IncentiveLevelRules
{
    public static async Task<ReferenceDataError?> CreateAsync(ReferenceDataChanges changes, IncentiveLevel level)
    {
        if (changes.Level(level.Code) is not null)
        {
            return ReferenceDataError.Rule(IncentiveLevelCodeNotUnique, $"Incentive level with code {level.Code} already exists");
        }

        if (level.Required && !level.Active)
        {
            return ActiveIfRequired();
        }

        await changes.InsertLevelAsync(level);
        if (level.Required)
        {
            await PrisonLevelRules.ActivateInEveryPrisonAsync(changes, level.Code);
        }

        return null;
    }

    public static async Task<ReferenceDataResult<IncentiveLevel>> UpdateAsync(ReferenceDataChanges changes, string code, IncentiveLevelUpdate update)
    {
        if (changes.Level(code) is not { } before)
        {
            return ReferenceDataResult<IncentiveLevel>.Failed(ReferenceDataError.NotFound($"No incentive level found for code {code}"));
        }

        var after = new IncentiveLevel(code, update.Name ?? before.Name, update.Active ?? before.Active, update.Required ?? before.Required);
        if (after.Required && !after.Active)
        {
            return ReferenceDataResult<IncentiveLevel>.Failed(ActiveIfRequired());
        }

        if (before.Active && !after.Active && await ReferenceDataRows.PrisonsWhereActiveAsync(changes.Db, code) is { Count: > 0 } prisons)
        {
            return ReferenceDataResult<IncentiveLevel>.Failed(ReferenceDataError.Rule(IncentiveLevelActiveIfActiveInPrison,
                "A level must remain active if it is active in some prison", string.Join(',', prisons)));
        }

        if (after == before.ToLevel())
        {
            return ReferenceDataResult<IncentiveLevel>.Ok(after);
        }

        await changes.UpdateLevelAsync(after);
        if (after.Required && !before.Required)
        {
            await PrisonLevelRules.ActivateInEveryPrisonAsync(changes, code);
        }

        return ReferenceDataResult<IncentiveLevel>.Ok(after);
    }

    public static async Task<ReferenceDataError?> ReorderAsync(ReferenceDataChanges changes, IReadOnlyList<string> codes)
    {
        var known = changes.Levels.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        if (codes.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
        {
            return ReferenceDataError.NotFound($"No incentive level found for code {unknown}");
        }

        if (codes.Count != known.Count || codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
        {
            var missing = changes.Levels.Select(l => l.Code).Where(c => !codes.Contains(c)).ToList();
            return ReferenceDataError.Rule(IncentiveLevelReorderNeedsFullSet, "All incentive levels required when setting order",
                missing.Count > 0 ? string.Join(',', missing) : null);
        }

        if (!codes.SequenceEqual(changes.Levels.Select(l => l.Code)))
        {
            await changes.ReorderAsync(codes);
        }

        return null;
    }

    private static ReferenceDataError ActiveIfRequired() => ReferenceDataError.Rule(IncentiveLevelActiveIfRequired, "A level must be active if it is required");
}
