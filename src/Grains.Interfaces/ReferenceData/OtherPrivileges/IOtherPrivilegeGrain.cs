namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// One other privilege (key: its code). Serialises the privilege's changes and its push to NOMIS's REFERENCE_CODES
/// (domain IEP_OTH_PRIV); each change raises incentives.other-privileges.changed <c>{privilegeCode}</c>.
/// </summary>
public interface IOtherPrivilegeGrain : IGrainWithStringKey
{
    /// <summary>The privilege, active or not; null when there is no such privilege.</summary>
    Task<OtherPrivilege?> GetAsync();

    /// <summary>Creates the privilege (refused when the code exists); without a sequence it goes at the end of the order.</summary>
    Task<OtherPrivilegeResult<OtherPrivilege>> CreateAsync(string description, bool active, int? sequence);

    /// <summary>Changes the privilege; deactivating keeps it where it is assigned (NOMIS keeps such rows too).</summary>
    Task<OtherPrivilegeResult<OtherPrivilege>> UpdateAsync(OtherPrivilegeUpdate update);
}
