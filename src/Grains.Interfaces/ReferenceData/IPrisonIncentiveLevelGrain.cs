namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// One level in one prison (key <c>{prisonId}/{levelCode}</c>). Serialises the prison level's changes and
/// its push to NOMIS's IEP_LEVELS and VISIT_ALLOWANCE_LEVELS; each change raises incentives.prison-level.changed.
/// </summary>
public interface IPrisonIncentiveLevelGrain : IGrainWithStringKey
{
    /// <summary>The prison level; one never set up is inactive with the policy's values. Null when the level does not exist.</summary>
    Task<PrisonIncentiveLevel?> GetAsync();

    /// <summary>Changes the prison level (rules 200–204); making it the default un-defaults the prison's other levels.</summary>
    Task<ReferenceDataResult<PrisonIncentiveLevel>> UpdateAsync(PrisonIncentiveLevelUpdate update);
}
