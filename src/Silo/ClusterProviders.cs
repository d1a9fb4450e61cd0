using Orleans.Configuration;
using OrleansSync.Postgres.Providers;

namespace OrleansSync.Silo;

/// <summary>
/// Where the cluster keeps membership, grain state and reminders: the cluster's PostgreSQL (Orleans'
/// ADO.NET providers on the schema of src/Postgres), with the failure detection the product ships.
/// </summary>
public static class ClusterProviders
{
    public static ISiloBuilder AddOrleansSilo(this ISiloBuilder silo, OrleansHostOptions options, string connectionString)
    {
        silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (OrleansHostOptions.ClusterId, OrleansHostOptions.ClusterId));
        silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.ListenOnAnyAddress);
        silo.UsePostgres(connectionString);

        // A killed silo's grains and queues serve again within a few seconds instead of 13-14 s
        // (measured in ProcessFailoverTests and the failover benchmark; see FastFailureDetection).
        silo.Configure<ClusterMembershipOptions>(FastFailureDetection.Apply);
        return silo;
    }

    public static IClientBuilder AddOrleansClient(this IClientBuilder client, string connectionString)
    {
        client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (OrleansHostOptions.ClusterId, OrleansHostOptions.ClusterId));
        client.UsePostgresClustering(connectionString);
        return client;
    }
}
