namespace OrleansSync.Grains.ReferenceData.Nomis;

/// <summary>POST /incentives/reference-codes (CreateGlobalIncentiveRequest).</summary>
public sealed record NomisCreateReferenceCodeRequest(string Code, string Description, bool Active);

/// <summary>PUT /incentives/reference-codes/{code} (UpdateGlobalIncentiveRequest); inactive makes NOMIS set the expiry date to today.</summary>
public sealed record NomisUpdateReferenceCodeRequest(string Description, bool Active);

/// <summary>POST /incentives/reference-codes/reorder (ReorderRequest): sequence = index + 1.</summary>
public sealed record NomisReorderRequest(IReadOnlyList<string> CodeList);
