namespace OrleansSync.Grains.ReferenceData;

/// <summary>One entity whose NOMIS copy differs from the hub's: <see cref="Entity"/> is <c>level/{code}</c>, <c>prison-level/{prisonId}/{code}</c>, <c>other-privilege/{code}</c> or <c>other-privileges/{prisonId}/{code}</c>; NOMIS null when it lacks the entity.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataMismatch(string Entity, string Hub, string? Nomis);
