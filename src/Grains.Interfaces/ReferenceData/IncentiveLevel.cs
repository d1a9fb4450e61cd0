namespace OrleansSync.Grains.ReferenceData;

/// <summary>A level available to all prisons, in incentives-api's shape (incentive-level-response.json).</summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveLevel(string Code, string Name, bool Active, bool Required);
