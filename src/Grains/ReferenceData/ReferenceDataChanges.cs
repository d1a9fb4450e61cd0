using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// One reference-data write inside a grain's unit of work: takes the reference-data lock, loads the levels
/// and policies, writes rows through here so that every changed level and prison level is known, then
/// raises one event per changed entity (an un-defaulted level included) through the outbox.
/// </summary>
internal sealed class ReferenceDataChanges
{
    private readonly List<string> _levels = [];
    private readonly List<PrisonLevelRow> _prisonLevels = [];
    private bool _reordered;

    private ReferenceDataChanges(Db db, List<LevelRow> levels, Dictionary<string, LevelPolicy> policies)
    {
        Db = db;
        Levels = levels;
        Policies = policies;
    }

    public Db Db { get; }

    /// <summary>The global levels in order, as they were when the lock was taken.</summary>
    public List<LevelRow> Levels { get; }

    public Dictionary<string, LevelPolicy> Policies { get; }

    public IReadOnlyList<PrisonLevelRow> PrisonLevelsWritten => _prisonLevels;

    public static async Task<ReferenceDataChanges> BeginAsync(IUnitOfWork unitOfWork)
    {
        var db = Db.Of(unitOfWork);
        await ReferenceDataRows.LockAsync(db);
        return new ReferenceDataChanges(db, await ReferenceDataRows.AllLevelsAsync(db), await ReferenceDataRows.PoliciesAsync(db));
    }

    public LevelRow? Level(string code) => Levels.FirstOrDefault(l => l.Code == code);

    public LevelPolicy PolicyOf(string code) => ReferenceDataReads.PolicyOf(Policies, code);

    public async Task InsertLevelAsync(IncentiveLevel level)
    {
        await ReferenceDataRows.InsertLevelAsync(Db, level);
        _levels.Add(level.Code);
    }

    public async Task UpdateLevelAsync(IncentiveLevel level)
    {
        await ReferenceDataRows.UpdateLevelAsync(Db, level);
        _levels.Add(level.Code);
    }

    public async Task ReorderAsync(IReadOnlyList<string> codes)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            await ReferenceDataRows.SetSequenceAsync(Db, codes[i], i + 1);
        }

        _reordered = true;
    }

    /// <summary>
    /// Writes the prison rows that differ from what is stored. Un-defaulted rows go first: the database keeps
    /// at most one default per prison at every statement.
    /// </summary>
    public async Task WritePrisonLevelsAsync(IReadOnlyDictionary<string, PrisonLevelRow> stored, IEnumerable<PrisonLevelRow> wanted)
    {
        var changed = wanted.Where(row => !stored.TryGetValue(row.LevelCode, out var before) || before != row)
            .OrderBy(row => row.DefaultOnAdmission)
            .ToList();
        foreach (var row in changed)
        {
            await ReferenceDataRows.UpsertPrisonLevelAsync(Db, row);
            _prisonLevels.Add(row);
        }
    }

    public void Publish(IUnitOfWork unitOfWork, TimeProvider time)
    {
        foreach (var code in _levels.Distinct(StringComparer.Ordinal))
        {
            unitOfWork.Publish(ReferenceDataStreams.LevelEvents, code, $"{ReferenceDataEvents.LevelChanged}/{code}/{Guid.NewGuid():N}", ReferenceDataEvents.Level(code, time));
        }

        if (_reordered)
        {
            unitOfWork.Publish(ReferenceDataStreams.LevelOrderEvents, IIncentiveLevelListGrain.Key, $"{ReferenceDataEvents.LevelsReordered}/{Guid.NewGuid():N}", ReferenceDataEvents.Reordered(time));
        }

        foreach (var row in _prisonLevels)
        {
            var key = PrisonLevelKey.Of(row.PrisonId, row.LevelCode);
            unitOfWork.Publish(ReferenceDataStreams.PrisonLevelEvents, key, $"{ReferenceDataEvents.PrisonLevelChanged}/{key}/{Guid.NewGuid():N}",
                ReferenceDataEvents.PrisonLevel(row.PrisonId, row.LevelCode, time));
        }
    }
}
