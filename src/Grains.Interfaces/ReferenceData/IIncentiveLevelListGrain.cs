namespace OrleansSync.Grains.ReferenceData;

/// <summary>The ordered list of global levels (one grain, key <see cref="Key"/>): reads and reordering, and the push of the order to NOMIS.</summary>
public interface IIncentiveLevelListGrain : IGrainWithStringKey
{
    public const string Key = "levels";

    /// <summary>The levels in order; inactive ones only when asked.</summary>
    Task<IReadOnlyList<IncentiveLevel>> GetAllAsync(bool withInactive);

    /// <summary>Puts the levels in the given order, which must name every level (rule 103; an unknown code is not found). Raises incentives.levels.reordered.</summary>
    Task<ReferenceDataResult<IReadOnlyList<IncentiveLevel>>> ReorderAsync(IReadOnlyList<string> codes);
}
