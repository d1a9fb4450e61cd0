namespace OrleansSync.Grains.ReferenceData;

/// <summary>One entity whose NOMIS copy differs from the hub's: <see cref="Entity"/> is <c>level/{code}</c> or <c>prison-level/{prisonId}/{code}</c>; NOMIS null when it lacks the entity.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataMismatch(string Entity, string Hub, string? Nomis);
