using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// One prison's step: each level's IEP_LEVELS and VISIT_ALLOWANCE_LEVELS data (GET /incentives/prison/{prison}/code/{code};
/// 404: the prison does not have the level, nothing to migrate) becomes the hub's prison level. The rules of
/// CONTRACTS.md §3.5 decide what is taken:
/// <list type="bullet">
/// <item>a row breaking a rule of its own (default but inactive: 201; active while the level is globally inactive: 203;
/// a VO, PVO or amount missing or negative; a level the hub does not hold) is skipped with the reason;</item>
/// <item>a prison whose levels, as they would be after the migration, break a prison-wide rule (no default, or more than one,
/// among active levels: 204; a required level inactive: 200) is skipped whole: each of its rows with the reason,
/// and nothing of it is written, so the hub never holds a prison that breaks the rules.</item>
/// </list>
/// Rule 202 (prisoners on a level) is not applied: NOMIS is where those prisoners are, and the data comes from there.
/// </summary>
internal static class PrisonLevelMigration
{
    /// <summary>What NOMIS holds for the prison, by level code (absent levels left out). Any NOMIS failure propagates: the step is retried.</summary>
    public static async Task<Dictionary<string, NomisPrisonIncentiveLevel>> ReadAsync(NomisReferenceDataClient nomis, string prisonId, IReadOnlyList<string> codes)
    {
        var read = new Dictionary<string, NomisPrisonIncentiveLevel>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (await nomis.GetPrisonLevelAsync(prisonId, code) is { } held)
            {
                read[code] = held;
            }
        }

        return read;
    }

    /// <summary>Writes the prison's levels inside the caller's unit of work, the reference-data lock held; returns one item per NOMIS row.</summary>
    public static async Task<List<ReferenceDataMigrationItemRow>> WriteAsync(Db db, string prisonId, IReadOnlyDictionary<string, NomisPrisonIncentiveLevel> nomis)
    {
        var levels = (await ReferenceDataRows.AllLevelsAsync(db)).ToDictionary(l => l.Code, StringComparer.Ordinal);
        var stored = await ReferenceDataRows.OfPrisonAsync(db, prisonId);
        var items = new List<ReferenceDataMigrationItemRow>();
        var taken = new List<PrisonLevelRow>();
        foreach (var (code, held) in nomis.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (RowProblem(code, held, levels.GetValueOrDefault(code)) is { } problem)
            {
                items.Add(ReferenceDataMigrationItemRow.PrisonLevel(prisonId, code, ReferenceDataMigrationOutcomes.Skipped, problem));
            }
            else
            {
                taken.Add(new PrisonLevelRow(prisonId, code, held.Active, held.DefaultOnAdmission, held.RemandTransferLimitInPence!.Value, held.RemandSpendLimitInPence!.Value,
                    held.ConvictedTransferLimitInPence!.Value, held.ConvictedSpendLimitInPence!.Value, held.VisitOrderAllowance!.Value, held.PrivilegedVisitOrderAllowance!.Value));
            }
        }

        var after = new Dictionary<string, PrisonLevelRow>(stored, StringComparer.Ordinal);
        foreach (var row in taken)
        {
            after[row.LevelCode] = row;
        }

        if (taken.Count > 0 && PrisonProblem(after.Values, levels.Values) is { } prisonProblem)
        {
            items.AddRange(taken.Select(row => ReferenceDataMigrationItemRow.PrisonLevel(prisonId, row.LevelCode, ReferenceDataMigrationOutcomes.Skipped, prisonProblem)));
            return items;
        }

        // Un-defaulted rows first: the database keeps at most one default per prison at every statement.
        foreach (var row in taken.OrderBy(r => r.DefaultOnAdmission))
        {
            var unchanged = stored.TryGetValue(row.LevelCode, out var before) && before == row;
            if (!unchanged)
            {
                await ReferenceDataRows.UpsertPrisonLevelAsync(db, row);
            }

            items.Add(ReferenceDataMigrationItemRow.PrisonLevel(prisonId, row.LevelCode, unchanged ? ReferenceDataMigrationOutcomes.Unchanged : ReferenceDataMigrationOutcomes.Migrated));
        }

        return items;
    }

    private static string? RowProblem(string code, NomisPrisonIncentiveLevel held, LevelRow? level)
    {
        if (level is null)
        {
            return $"Level {code} is not a hub level (its IEP_LEVEL reference code was not migrated).";
        }

        if (held.DefaultOnAdmission && !held.Active)
        {
            return $"Rule {IncentiveLevelErrorCodes.PrisonIncentiveLevelActiveIfDefault}: NOMIS has {code} as the default on admission but inactive.";
        }

        if (held.Active && !level.Active)
        {
            return $"Rule {IncentiveLevelErrorCodes.PrisonIncentiveLevelNotGloballyActive}: NOMIS has {code} active in the prison, but the level is inactive.";
        }

        foreach (var (field, value) in new (string, int?)[]
        {
            ("visitOrders", held.VisitOrderAllowance), ("privilegedVisitOrders", held.PrivilegedVisitOrderAllowance),
            ("remandTransferLimitInPence", held.RemandTransferLimitInPence), ("remandSpendLimitInPence", held.RemandSpendLimitInPence),
            ("convictedTransferLimitInPence", held.ConvictedTransferLimitInPence), ("convictedSpendLimitInPence", held.ConvictedSpendLimitInPence),
        })
        {
            if (value is null)
            {
                // The hub does not guess: a missing VO/PVO means NOMIS has no SENT_VISIT row in VISIT_ALLOWANCE_LEVELS.
                return $"NOMIS holds no {field} for {code}.";
            }

            if (value < 0)
            {
                return $"{field} cannot be negative (NOMIS has {value}).";
            }
        }

        return null;
    }

    private static string? PrisonProblem(IEnumerable<PrisonLevelRow> after, IEnumerable<LevelRow> levels)
    {
        var active = after.Where(r => r.Active).ToList();
        if (active.Count == 0)
        {
            return null;
        }

        var defaults = active.Where(r => r.DefaultOnAdmission).Select(r => r.LevelCode).Order(StringComparer.Ordinal).ToList();
        if (defaults.Count != 1)
        {
            return $"Rule {IncentiveLevelErrorCodes.PrisonIncentiveLevelDefaultRequired}: a prison with active levels has exactly one default on admission; "
                + (defaults.Count == 0 ? "NOMIS has none." : $"NOMIS has {defaults.Count}: {string.Join(',', defaults)}.");
        }

        var inactiveRequired = levels.Where(l => l.Required && !active.Any(r => r.LevelCode == l.Code)).Select(l => l.Code).ToList();
        return inactiveRequired.Count > 0
            ? $"Rule {IncentiveLevelErrorCodes.PrisonIncentiveLevelActiveIfRequired}: required levels are active in every prison with active levels; {string.Join(',', inactiveRequired)} would not be."
            : null;
    }
}
