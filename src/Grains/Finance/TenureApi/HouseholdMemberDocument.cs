namespace OrleansSync.Grains.Finance.TenureApi;

/// <summary>A member of the household.</summary>
public sealed record HouseholdMemberDocument(Guid Id, string? FullName, bool? IsResponsible);
