namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// Stream namespaces of the incentive reference data, raised through the outbox in the exact HMPPS JSON shape
/// the incentives service publishes. One namespace per kind of entity, so each is delivered to the grain that
/// pushes that entity to NOMIS (implicit subscriptions route by stream key within a namespace).
/// </summary>
public static class ReferenceDataStreams
{
    /// <summary>incentives.level.changed, keyed by level code.</summary>
    public const string LevelEvents = "incentive-level-events";

    /// <summary>incentives.levels.reordered, keyed by <see cref="IIncentiveLevelListGrain.Key"/>.</summary>
    public const string LevelOrderEvents = "incentive-level-order-events";

    /// <summary>incentives.prison-level.changed, keyed by <c>{prisonId}/{levelCode}</c>.</summary>
    public const string PrisonLevelEvents = "prison-incentive-level-events";
}
