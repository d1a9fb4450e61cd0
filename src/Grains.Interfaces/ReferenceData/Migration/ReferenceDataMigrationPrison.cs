namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>One prison of a run: done once its checkpoint is committed; counts of its prison levels.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataMigrationPrison(string PrisonId, bool Done, ReferenceDataMigrationCounts Counts);
