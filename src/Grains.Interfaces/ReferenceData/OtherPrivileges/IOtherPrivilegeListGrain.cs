namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>The list of other privileges (reads only; key <see cref="Key"/>).</summary>
public interface IOtherPrivilegeListGrain : IGrainWithStringKey
{
    public const string Key = "other-privileges";

    /// <summary>The privileges in order; inactive ones only when asked.</summary>
    Task<IReadOnlyList<OtherPrivilege>> GetAllAsync(bool withInactive);
}
