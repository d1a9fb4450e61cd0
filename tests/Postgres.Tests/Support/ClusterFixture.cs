using Orleans.TestingHost;

namespace OrleansSync.Postgres.Tests.Support;

/// <summary>A fresh database and a <see cref="PostgresTestCluster"/> on it for one test class.</summary>
public abstract class ClusterFixture(short silos) : IAsyncLifetime
{
    private TestDatabase? _database;
    private TestCluster? _cluster;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(GetType().Name);
        _cluster = await PostgresTestCluster.StartAsync(_database, silos);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class OneSiloCluster() : ClusterFixture(1);

public sealed class TwoSiloCluster() : ClusterFixture(2);
