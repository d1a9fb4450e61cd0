namespace OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

/// <summary>GET /incentives/prison/{prison}/code/{level}/other-privileges (inferred): the level's privilege codes, sorted.</summary>
public sealed record PrisonLevelOtherPrivilegesData(string PrisonId, string IepLevelCode, IReadOnlyList<string> PrivilegeCodes);
