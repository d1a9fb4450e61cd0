namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>POST /incentives/reference-codes.</summary>
public sealed record CreateReferenceCodeRequest(string Code, string Description, bool Active);

/// <summary>PUT /incentives/reference-codes/{code}.</summary>
public sealed record UpdateReferenceCodeRequest(string Description, bool Active);

/// <summary>POST /incentives/reference-codes/reorder.</summary>
public sealed record ReorderReferenceCodesRequest(List<string> CodeList);
