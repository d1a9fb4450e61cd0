namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>
/// A row of REFERENCE_CODES as nomis-prisoner-api's ReferenceCode returns it (nomis-reference-code-response.json):
/// domains IEP_LEVEL (incentive levels) and IEP_OTH_PRIV (other privileges).
/// </summary>
public sealed record ReferenceCode(string Domain, string Code, string Description, bool Active, int Sequence, string ParentCode, bool SystemDataFlag, string? ExpiredDate);
