using OrleansSync.Postgres.Tests.Support;

namespace OrleansSync.Postgres.Tests.Providers;

/// <summary>
/// The fixture starts two silos at the same moment on an empty database (with test cluster
/// membership off, TestCluster starts its initial silos in parallel): both migrate, so this shows
/// the advisory lock serialises them, and both join through the PostgreSQL membership table.
/// </summary>
public sealed class ClusterStartupTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    [Fact]
    public async Task Two_silos_starting_at_once_on_an_empty_database_both_become_active()
    {
        await Eventually.TrueAsync(
            async () => (long)(await fixture.Database.ScalarAsync("select count(*) from orleans_membership where status = 3"))! == 2,
            TimeSpan.FromSeconds(60),
            "two Active rows in orleans_membership");

        var siloPorts = fixture.Cluster.Silos.Select(silo => (long)silo.SiloAddress.Endpoint.Port).Order().ToList();
        var activePorts = new List<long>();
        foreach (var port in siloPorts)
        {
            activePorts.Add((long)(await fixture.Database.ScalarAsync("select count(*) from orleans_membership where status = 3 and port = $1", (int)port))!);
        }

        activePorts.Should().Equal([1L, 1L], "each started silo has its own Active row");
    }

    [Fact]
    public async Task Each_migration_is_applied_once()
    {
        var applied = (long)(await fixture.Database.ScalarAsync("select count(*) from rt_schema_migration where module = 'orleans'"))!;
        var distinct = (long)(await fixture.Database.ScalarAsync("select count(distinct version) from rt_schema_migration where module = 'orleans'"))!;
        applied.Should().Be(3);
        distinct.Should().Be(3);
    }
}
