namespace OrleansSync.Simulators.Tenure;

/// <summary>A person (or organisation) of a tenure; person data is duplicated into the tenure document.</summary>
public sealed record HouseholdMember(Guid Id, string? Type, string? FullName, bool IsResponsible, DateTime? DateOfBirth, string? PersonTenureType);
