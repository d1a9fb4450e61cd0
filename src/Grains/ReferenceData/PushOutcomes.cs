namespace OrleansSync.Grains.ReferenceData;

/// <summary>What a push to NOMIS did (incentive_reference_nomis_push.outcome).</summary>
internal static class PushOutcomes
{
    public const string Created = "CREATED";
    public const string Updated = "UPDATED";
    public const string Unchanged = "UNCHANGED";
    public const string Reordered = "REORDERED";
}
