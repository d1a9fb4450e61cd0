namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// The other privileges of one level in one prison (key <c>{prisonId}/{levelCode}</c>): serialises changes of the
/// set and its push to NOMIS's OTHER_PRIVILEGES_LEVELS; each change raises incentives.other-privileges.changed
/// <c>{incentiveLevel, prisonId}</c>.
/// </summary>
public interface IPrisonLevelOtherPrivilegesGrain : IGrainWithStringKey
{
    /// <summary>The privileges assigned; null when the level does not exist.</summary>
    Task<PrisonLevelOtherPrivileges?> GetAsync();

    /// <summary>
    /// Replaces the set with <paramref name="privilegeCodes"/>: each must be an active privilege, and a non-empty set
    /// needs the level active in the prison. An unknown level is refused naming <c>levelCode</c>.
    /// </summary>
    Task<OtherPrivilegeResult<PrisonLevelOtherPrivileges>> SetAsync(IReadOnlyList<string> privilegeCodes);
}
