namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// One global incentive level (key: level code). Serialises the level's changes and its push to NOMIS's
/// REFERENCE_CODES (domain IEP_LEVEL); each change raises incentives.level.changed.
/// </summary>
public interface IIncentiveLevelGrain : IGrainWithStringKey
{
    /// <summary>The level, active or not; null when there is no such level.</summary>
    Task<IncentiveLevel?> GetAsync();

    /// <summary>Creates the level at the end of the order (rules 100, 102); a required level is activated in every prison with any active level.</summary>
    Task<ReferenceDataResult<IncentiveLevel>> CreateAsync(IncentiveLevel level);

    /// <summary>Changes the level (rules 100, 101); becoming required activates it in every prison with any active level.</summary>
    Task<ReferenceDataResult<IncentiveLevel>> UpdateAsync(IncentiveLevelUpdate update);
}
