namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// Stream namespaces of incentives.other-privileges.changed, raised through the outbox. One event name, two
/// namespaces: implicit subscriptions route by namespace, so each kind of change reaches the grain that pushes it.
/// </summary>
public static class OtherPrivilegeStreams
{
    /// <summary>A privilege code changed (additionalInformation <c>{privilegeCode}</c>), keyed by the code.</summary>
    public const string PrivilegeEvents = "other-privilege-events";

    /// <summary>A prison level's privileges changed (additionalInformation <c>{incentiveLevel, prisonId}</c>), keyed by <c>{prisonId}/{levelCode}</c>.</summary>
    public const string PrisonLevelEvents = "prison-level-other-privilege-events";
}
