namespace OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

/// <summary>POST /incentives/other-privileges/reference-codes (inferred; sequence optional: at the end).</summary>
public sealed record CreateOtherPrivilegeRequest(string Code, string Description, bool Active, int? Sequence = null);

/// <summary>PUT /incentives/other-privileges/reference-codes/{code} (inferred; sequence optional: kept).</summary>
public sealed record UpdateOtherPrivilegeRequest(string Description, bool Active, int? Sequence = null);

/// <summary>PUT /incentives/prison/{prison}/code/{level}/other-privileges (inferred): the whole set of privilege codes.</summary>
public sealed record SetOtherPrivilegesRequest(List<string> PrivilegeCodes);
