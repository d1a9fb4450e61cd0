using OrleansSync.Grains.PrisonTransfers;
using OrleansSync.Grains.Tests.PrisonTransfers.Support;

namespace OrleansSync.Grains.Tests.PrisonTransfers;

/// <summary>
/// The acceptance, end to end on the default run's wiring: a submitted application follows its
/// prisoner, moved with the prisoner-search simulator, to the new prison and then to the new POM.
/// </summary>
public sealed class Cas2TransferAcceptanceTests(TransfersHost host) : IClassFixture<TransfersHost>
{
    /// <summary>Simulator → gateway → stream → grain → simulator lookup → commit; generous for a loaded 2-core machine.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_moved_prisoners_application_is_unallocated_at_the_new_prison_then_allocated_to_the_new_POM_with_both_in_its_timeline()
    {
        host.SeedPrisoner("A1301AC", "LEI");
        var id = await host.SubmittedApplicationAsync("A1301AC", "111", "Olive Oldpom", "LEI");
        (await host.ListAsync(AssignmentTypes.Allocated, userId: "111")).Should().Contain(id, "the creator is its POM when it is submitted");

        await host.MoveAsync("A1301AC", "BXI");

        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "BXI")).Contains(id), Deadline,
            "the move to reach the application");
        (await host.ListAsync(AssignmentTypes.Deallocated, userId: "111")).Should().Contain(id, "the old POM's prisoner was transferred out");
        (await host.ListAsync(AssignmentTypes.Allocated, userId: "111")).Should().NotContain(id);
        var moved = await host.ApplicationAsync(id);
        moved["currentPrisonCode"]!.GetValue<string>().Should().Be("BXI");
        moved["allocatedPomUserId"].Should().BeNull();
        moved["isTransferredApplication"]!.GetValue<bool>().Should().BeTrue();

        await host.AllocateAsync("A1301AC", 4321, "Pat", "Newman", "BXI");

        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Allocated, userId: "4321")).Contains(id), Deadline,
            "the new POM to reach the application");
        (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "BXI")).Should().NotContain(id);
        (await host.ListAsync(AssignmentTypes.Prison, prisonCode: "BXI")).Should().Contain(id);
        (await host.ListAsync(AssignmentTypes.Deallocated, userId: "111")).Should().Contain(id);
        var allocated = await host.ApplicationAsync(id);
        allocated["allocatedPomName"]!.GetValue<string>().Should().Be("Pat Newman");
        (await host.TimelineAsync(id)).Should().Equal(
            (Cas2TimelineEvent.NewPomAssigned, "New Prison offender manager Pat Newman allocated"),
            (Cas2TimelineEvent.PrisonTransfer, "Prison transfer from LEI to BXI"),
            (Cas2TimelineEvent.ApplicationSubmitted, "Application submitted"));
    }
}
