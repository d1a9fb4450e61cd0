namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// The new run; or (<see cref="Started"/> false) the run already in progress, since one runs at a time; or, with no
/// <see cref="Migration"/>, nothing started because neither the request nor the configuration names a prison.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StartReferenceDataMigrationResult(bool Started, ReferenceDataMigrationReport? Migration);
