using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansSync.Postgres.Providers;

namespace OrleansSync.Postgres.Tests.Support;

/// <summary>
/// A classic <see cref="TestCluster"/> of in-process silos on a <see cref="TestDatabase"/>, with
/// <see cref="PostgresSiloBuilderExtensions.UsePostgres"/> for everything Orleans persists. Test
/// cluster membership is off, so the silos find each other (and the client finds them) through the
/// PostgreSQL membership table. With that, TestCluster starts all initial silos at once.
/// </summary>
public static class PostgresTestCluster
{
    // TestCluster creates configurators by type, so settings travel in the cluster's configuration.
    private const string ConnectionStringKey = "OrleansSync:PostgresConnectionString";

    public static async Task<TestCluster> StartAsync(TestDatabase database, short silos = 1)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloOnPostgres>();
        builder.AddClientBuilderConfigurator<ClientOnPostgres>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static string ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey] ?? throw new InvalidOperationException($"{ConnectionStringKey} is missing from the test cluster's configuration.");

    private sealed class SiloOnPostgres : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UsePostgres(ConnectionString(siloBuilder.Configuration));

            // Orleans refuses reminder periods under a minute; tests cannot wait that long.
            siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
        }
    }

    private sealed class ClientOnPostgres : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UsePostgresClustering(ConnectionString(configuration));
    }
}
