using Orleans.Configuration;

namespace OrleansSync.Silo;

/// <summary>
/// Where the cluster keeps membership, grain state and reminders: the one place to change when the
/// ADO.NET providers' PostgreSQL schema arrives.
/// </summary>
public static class ClusterProviders
{
    /// <summary>
    /// TODO(schema): replace with the PostgreSQL providers (UsePostgres: ADO.NET clustering, grain
    /// storage, reminders) once their schema is merged. Until then: a single-host cluster on
    /// localhost with in-memory state and reminders, which do not survive a restart.
    /// </summary>
    public static ISiloBuilder AddOrleansSilo(this ISiloBuilder silo, OrleansHostOptions options)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: OrleansHostOptions.ClusterId, clusterId: OrleansHostOptions.ClusterId);
        silo.AddMemoryGrainStorageAsDefault();
        silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>TODO(schema): ADO.NET clustering for clients, with the silos' schema.</summary>
    public static IClientBuilder AddOrleansClient(this IClientBuilder client, OrleansHostOptions options)
    {
        client.UseLocalhostClustering(options.GatewayPort, serviceId: OrleansHostOptions.ClusterId, clusterId: OrleansHostOptions.ClusterId);
        return client;
    }
}
