namespace OrleansSync.Grains.ReferenceData.Nomis;

/// <summary>
/// nomis-prisoner-api ReferenceCode (GET /incentives/reference-codes/{code}, nomis-reference-code-response.json):
/// a row of REFERENCE_CODES in domain IEP_LEVEL.
/// </summary>
public sealed record NomisReferenceCode(string Domain, string Code, string Description, bool Active, int? Sequence = null, string? ParentCode = null,
    bool? SystemDataFlag = null, string? ExpiredDate = null);
