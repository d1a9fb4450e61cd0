using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansSync.Postgres.Tests.Support;

namespace OrleansSync.Postgres.Tests.Providers;

/// <summary>CleanupDefunctSiloEntries, the query upstream's PostgreSQL script lacks (#8216).</summary>
public sealed class MembershipCleanupTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    private const int Dead = 6;
    private const int Active = 3;

    [Fact]
    public async Task A_dead_silos_row_is_removed_and_a_live_silos_row_is_kept()
    {
        var silos = fixture.Cluster.Silos.ToList();
        var (stopped, survivor) = (silos[0], silos[1]);
        await fixture.Cluster.StopSiloAsync(stopped);

        // A silo that shuts down gracefully writes its own row as Dead.
        await Eventually.TrueAsync(async () => await StatusOfAsync(stopped.SiloAddress) == Dead, TimeSpan.FromSeconds(60), "the stopped silo's row to be Dead");

        var membershipTable = fixture.Cluster.GetSiloServiceProvider(survivor.SiloAddress).GetRequiredService<IMembershipTable>();
        await membershipTable.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow);

        (await StatusOfAsync(stopped.SiloAddress)).Should().BeNull("the dead silo's row is removed");
        (await StatusOfAsync(survivor.SiloAddress)).Should().Be(Active, "a live silo's row stays, however old its heartbeat");
    }

    private async Task<int?> StatusOfAsync(SiloAddress silo) =>
        (int?)await fixture.Database.ScalarAsync(
            "select status from orleans_membership where address = $1 and port = $2 and generation = $3",
            silo.Endpoint.Address.ToString(), silo.Endpoint.Port, silo.Generation);
}
