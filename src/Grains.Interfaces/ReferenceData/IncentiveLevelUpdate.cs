namespace OrleansSync.Grains.ReferenceData;

/// <summary>A partial change of a global level (incentives-api IncentiveLevelUpdate); null leaves a field as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveLevelUpdate(string? Name, bool? Active, bool? Required);
