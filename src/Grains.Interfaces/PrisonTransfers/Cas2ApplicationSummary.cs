namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// One application in CAS2's list (CONTRACTS.md §11 summary fields): who created it, where it is
/// assigned now (current prison, allocated POM, since when) and whether it ever moved prison.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Cas2ApplicationSummary(
    string Type,
    Guid Id,
    DateTimeOffset CreatedAt,
    string CreatedByUserId,
    string CreatedByUserName,
    string Status,
    string PersonName,
    string Crn,
    string NomsNumber,
    string? AllocatedPomUserId,
    string? AllocatedPomName,
    DateTimeOffset? AssignmentDate,
    DateTimeOffset? SubmittedAt,
    string? CurrentPrisonCode,
    bool IsTransferredApplication)
{
    public const string Cas2Type = "CAS2";
}
