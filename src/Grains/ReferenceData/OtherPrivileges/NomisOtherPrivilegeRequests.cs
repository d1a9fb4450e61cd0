namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>POST /incentives/other-privileges/reference-codes (inferred: NOMIS endpoints for IEP_OTH_PRIV are not in the contract).</summary>
public sealed record NomisCreateOtherPrivilegeRequest(string Code, string Description, bool Active, int Sequence);

/// <summary>PUT /incentives/other-privileges/reference-codes/{code} (inferred); inactive makes NOMIS set the expiry date to today.</summary>
public sealed record NomisUpdateOtherPrivilegeRequest(string Description, bool Active, int Sequence);

/// <summary>
/// GET and PUT /incentives/prison/{prison}/code/{level}/other-privileges (inferred): the OTHER_PRIVILEGES_LEVELS rows
/// of one IEP_LEVELS row, as the set of privilege codes. A PUT replaces the set (so a repeated push changes nothing).
/// </summary>
public sealed record NomisPrisonLevelOtherPrivileges(string? PrisonId, string? IepLevelCode, IReadOnlyList<string> PrivilegeCodes);
