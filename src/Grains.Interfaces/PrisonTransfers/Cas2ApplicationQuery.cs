namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>A page (1-based) of applications for a user and caseload under one <see cref="AssignmentTypes"/> filter, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record Cas2ApplicationQuery(string AssignmentType, string? UserId, string? PrisonCode, int Page, int PageSize);
