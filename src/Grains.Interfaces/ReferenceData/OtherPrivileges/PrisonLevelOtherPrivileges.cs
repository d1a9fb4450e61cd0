namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>The other privileges that apply to one level in one prison (OTHER_PRIVILEGES_LEVELS), in the privileges' order.</summary>
[GenerateSerializer, Immutable]
public sealed record PrisonLevelOtherPrivileges(string PrisonId, string LevelCode, IReadOnlyList<OtherPrivilege> Privileges);
