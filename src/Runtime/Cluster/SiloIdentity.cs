namespace OrleansSync.Runtime.Cluster;

/// <summary>This process's silo: a new id every start, so a restarted process is a new member.</summary>
public sealed record SiloIdentity(Guid Id, string Address)
{
    public static SiloIdentity Create(string address) => new(Guid.NewGuid(), address);
}
