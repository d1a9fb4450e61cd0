using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// The first step of a run: each level code's IEP_LEVEL reference code (GET /incentives/reference-codes/{code}) becomes
/// the hub's level (description → name, active), and the hub's order follows NOMIS' sequence. A row the hub's rules
/// refuse is skipped with the reason; nothing is raised as a change, since NOMIS already holds what was migrated.
/// </summary>
internal static class LevelMigration
{
    /// <summary>incentive_level.name's limit; NOMIS descriptions may be up to 40.</summary>
    private const int MaxNameLength = 30;

    /// <summary>Reads every code from NOMIS (null: NOMIS has no such code). Any NOMIS failure propagates: the step is retried.</summary>
    public static async Task<Dictionary<string, NomisReferenceCode?>> ReadAsync(NomisReferenceDataClient nomis, IReadOnlyList<string> codes)
    {
        var read = new Dictionary<string, NomisReferenceCode?>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            read[code] = await nomis.GetReferenceCodeAsync(code);
        }

        return read;
    }

    /// <summary>Writes the levels inside the caller's unit of work, the reference-data lock held; returns one item per code.</summary>
    public static async Task<List<ReferenceDataMigrationItemRow>> WriteAsync(Db db, IReadOnlyList<string> codes, IReadOnlyDictionary<string, NomisReferenceCode?> nomis)
    {
        var hub = (await ReferenceDataRows.AllLevelsAsync(db)).ToDictionary(l => l.Code, StringComparer.Ordinal);
        var items = new List<ReferenceDataMigrationItemRow>();
        foreach (var code in codes)
        {
            var (outcome, reason) = await WriteOneAsync(db, code, nomis[code], hub.GetValueOrDefault(code));
            items.Add(ReferenceDataMigrationItemRow.Level(code, outcome, reason));
        }

        var inNomis = items.Where(i => i.Outcome is ReferenceDataMigrationOutcomes.Migrated or ReferenceDataMigrationOutcomes.Unchanged)
            .Select(i => i.Entity["level/".Length..]).ToHashSet(StringComparer.Ordinal);
        await FollowNomisOrderAsync(db, inNomis, nomis);
        return items;
    }

    private static async Task<(string Outcome, string? Reason)> WriteOneAsync(Db db, string code, NomisReferenceCode? nomis, LevelRow? hub)
    {
        if (nomis is null)
        {
            return (ReferenceDataMigrationOutcomes.Skipped, $"NOMIS has no IEP_LEVEL reference code {code}.");
        }

        if (!PrisonLevelKey.IsLevelCode(code))
        {
            return (ReferenceDataMigrationOutcomes.Skipped, $"Code {code} is not 1 to 6 capital letters or digits, as the hub's level codes are.");
        }

        var name = nomis.Description.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return (ReferenceDataMigrationOutcomes.Skipped, $"Description '{nomis.Description}' is not 1 to {MaxNameLength} characters, as the hub's level names are.");
        }

        if (hub is null)
        {
            // A level new to the hub is not required: required levels are the hub's policy, not NOMIS data.
            await ReferenceDataRows.InsertLevelAsync(db, new IncentiveLevel(code, name, nomis.Active, Required: false));
            return (ReferenceDataMigrationOutcomes.Migrated, null);
        }

        if (hub.Name == name && hub.Active == nomis.Active)
        {
            return (ReferenceDataMigrationOutcomes.Unchanged, null);
        }

        if (!nomis.Active && hub.Required)
        {
            return (ReferenceDataMigrationOutcomes.Skipped, $"Rule {IncentiveLevelErrorCodes.IncentiveLevelActiveIfRequired}: {code} is required in the hub and must stay active; NOMIS has it inactive.");
        }

        if (!nomis.Active && hub.Active && await ReferenceDataRows.PrisonsWhereActiveAsync(db, code) is { Count: > 0 } prisons)
        {
            return (ReferenceDataMigrationOutcomes.Skipped,
                $"Rule {IncentiveLevelErrorCodes.IncentiveLevelActiveIfActiveInPrison}: NOMIS has {code} inactive, but it is active in prisons {string.Join(',', prisons)}.");
        }

        await ReferenceDataRows.UpdateLevelAsync(db, new IncentiveLevel(code, name, nomis.Active, hub.Required));
        return (ReferenceDataMigrationOutcomes.Migrated, null);
    }

    /// <summary>The migrated levels in NOMIS' sequence first, then the hub's other levels in their own order.</summary>
    private static async Task FollowNomisOrderAsync(Db db, HashSet<string> inNomis, IReadOnlyDictionary<string, NomisReferenceCode?> nomis)
    {
        var current = (await ReferenceDataRows.AllLevelsAsync(db)).Select(l => l.Code).ToList();
        var wanted = current.Where(inNomis.Contains).OrderBy(c => nomis[c]!.Sequence ?? int.MaxValue).ThenBy(c => current.IndexOf(c))
            .Concat(current.Where(c => !inNomis.Contains(c)))
            .ToList();
        if (wanted.SequenceEqual(current))
        {
            return;
        }

        // incentive_level_sequence_unique is deferred: the sequences may pass through duplicates inside the transaction.
        for (var i = 0; i < wanted.Count; i++)
        {
            await ReferenceDataRows.SetSequenceAsync(db, wanted[i], i + 1);
        }
    }
}
