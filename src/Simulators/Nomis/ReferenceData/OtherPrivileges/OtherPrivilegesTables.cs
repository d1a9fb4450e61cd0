namespace OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

/// <summary>What the simulator's other-privilege tables hold, for tests and the admin endpoint.</summary>
public sealed record OtherPrivilegesTables(IReadOnlyList<ReferenceCode> ReferenceCodes, IReadOnlyList<OtherPrivilegesLevelRow> OtherPrivilegesLevels);
