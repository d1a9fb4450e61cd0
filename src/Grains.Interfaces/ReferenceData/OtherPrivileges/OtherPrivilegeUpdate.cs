namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>A partial change of an other privilege; null leaves a field as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record OtherPrivilegeUpdate(string? Description, bool? Active, int? Sequence);
