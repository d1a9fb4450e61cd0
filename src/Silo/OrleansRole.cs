namespace OrleansSync.Silo;

/// <summary>What this process is in the cluster (Orleans:Role).</summary>
public enum OrleansRole
{
    /// <summary>Hosts grains, stream agents and reminders, and the co-hosted gateway.</summary>
    Silo,

    /// <summary>A gateway process: an Orleans client that hosts no grains.</summary>
    Client,
}
