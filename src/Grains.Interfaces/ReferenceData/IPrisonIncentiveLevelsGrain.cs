namespace OrleansSync.Grains.ReferenceData;

/// <summary>The levels of one prison (key: prison id): the list, and the changes that touch all of them at once.</summary>
public interface IPrisonIncentiveLevelsGrain : IGrainWithStringKey
{
    /// <summary>The prison's levels in the global order: active ones, or every global level when asked (those never set up as inactive with policy values).</summary>
    Task<IReadOnlyList<PrisonIncentiveLevel>> GetAllAsync(bool withInactive);

    /// <summary>Activates every required level and makes Standard the default.</summary>
    Task<ReferenceDataResult<IReadOnlyList<PrisonIncentiveLevel>>> ResetAsync();

    /// <summary>Deactivates every level of the prison (rule 202: not while prisoners are on any of them; moreInfo lists those levels).</summary>
    Task<ReferenceDataResult<IReadOnlyList<PrisonIncentiveLevel>>> DeactivateAllAsync();
}
