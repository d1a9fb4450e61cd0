using System.Net;
using OrleansSync.Grains.PrisonTransfers;
using OrleansSync.Grains.Tests.PrisonTransfers.Support;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Grains.Tests.PrisonTransfers;

/// <summary>
/// The transfer events, posted as upstream systems post them (the contract fixtures), converge on the same
/// assignments whatever their order, however often they come, and whether or not a lookup fails first.
/// </summary>
public sealed class TransferEventTests(TransfersHost host) : IClassFixture<TransfersHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_transfer_then_a_POM_allocation_append_a_move_then_the_POM()
    {
        host.SeedPrisoner("A1401TE", "LEI");
        var id = await host.SubmittedApplicationAsync("A1401TE", "201", "Una Oldpom", "LEI");
        host.Simulator.Seed("A1401TE", "MDI", "HMP Moorland");
        (await host.PostEventAsync(TransferFixtures.LocationChanged("A1401TE"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(async () => await host.AssignmentCountAsync(id) == 2, Deadline, "the move to be recorded");

        host.Simulator.Allocate("A1401TE", 5001, "Mo", "Newpom", "MDI");
        (await host.PostEventAsync(TransferFixtures.AllocationChanged("A1401TE"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.TrueAsync(async () => await host.AssignmentCountAsync(id) == 3, Deadline, "the POM to be recorded");
        (await host.TimelineAsync(id)).Select(e => e.Label).Should().Equal(
            "New Prison offender manager Mo Newpom allocated", "Prison transfer from LEI to MDI", "Application submitted");
    }

    [Fact]
    public async Task A_POM_allocated_in_another_prison_before_the_location_event_records_the_move_first_and_the_late_location_event_changes_nothing()
    {
        host.SeedPrisoner("A1402TE", "LEI");
        var id = await host.SubmittedApplicationAsync("A1402TE", "202", "Una Oldpom", "LEI");

        // allocation.changed with additionalInformation (staffCode, prisonId) as well: the POM service is read all the same.
        host.Simulator.Allocate("A1402TE", 5002, "Ann", "Early", "WWI");
        await host.PostEventAsync(TransferFixtures.AllocationChangedWithAdditionalInformation("A1402TE"));
        await Eventually.TrueAsync(async () => await host.AssignmentCountAsync(id) == 3, Deadline, "the move and the POM to be recorded");

        host.Simulator.Seed("A1402TE", "WWI", "HMP Wandsworth");
        await host.PostEventAsync(TransferFixtures.LocationChanged("A1402TE"));
        await WaitForTransferEventsAsync("A1402TE", 2);

        var application = await host.ApplicationAsync(id);
        application["assignments"]!.AsArray().Should().HaveCount(3, "the location event found the application at WWI already");
        application["currentPrisonCode"]!.GetValue<string>().Should().Be("WWI");
        application["allocatedPomUserId"]!.GetValue<string>().Should().Be("5002");
        (await host.TimelineAsync(id)).Select(e => e.Type).Should().Equal(
            Cas2TimelineEvent.NewPomAssigned, Cas2TimelineEvent.PrisonTransfer, Cas2TimelineEvent.ApplicationSubmitted);
    }

    [Fact]
    public async Task The_same_event_twice_and_the_same_POM_again_change_nothing()
    {
        host.SeedPrisoner("A1403TE", "LEI");
        var id = await host.SubmittedApplicationAsync("A1403TE", "203", "Una Oldpom", "LEI");
        host.Simulator.Seed("A1403TE", "BMI", null);
        var location = TransferFixtures.LocationChanged("A1403TE");
        await host.PostEventAsync(location, messageId: "location-1403");
        await host.PostEventAsync(location, messageId: "location-1403");
        host.Simulator.Allocate("A1403TE", 5003, "Sam", "Same", "BMI");
        await host.PostEventAsync(TransferFixtures.AllocationChanged("A1403TE"), messageId: "allocation-1403-a");
        await Eventually.TrueAsync(async () => await host.AssignmentCountAsync(id) == 3, Deadline, "the move and the POM to be recorded");

        // A second delivery of each, with new ids (SNS duplicates, a re-sent event): both look up the same state.
        await host.PostEventAsync(location, messageId: "location-1403-again");
        await host.PostEventAsync(TransferFixtures.AllocationChanged("A1403TE"), messageId: "allocation-1403-b");
        await WaitForTransferEventsAsync("A1403TE", 4);

        (await host.AssignmentCountAsync(id)).Should().Be(3);
        (await host.TimelineAsync(id)).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_release_OUT_and_an_in_transit_TRN_location_are_not_moves()
    {
        host.SeedPrisoner("A1404TE", "LEI");
        var id = await host.SubmittedApplicationAsync("A1404TE", "204", "Una Oldpom", "LEI");

        await host.MoveAsync("A1404TE", PrisonerSearchPrisoner.InTransfer);
        await host.MoveAsync("A1404TE", PrisonerSearchPrisoner.Released);
        await WaitForTransferEventsAsync("A1404TE", 2);
        (await host.AssignmentCountAsync(id)).Should().Be(1, "neither TRN nor OUT is another prison");
        (await host.ListAsync(AssignmentTypes.Allocated, userId: "204")).Should().Contain(id);

        await host.MoveAsync("A1404TE", "LPI");
        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "LPI")).Contains(id), Deadline, "the arrival at LPI to be recorded");
        (await host.TimelineAsync(id)).Select(e => e.Label).Should().Contain("Prison transfer from LEI to LPI");
    }

    [Fact]
    public async Task A_move_while_prisoner_search_fails_is_retried_and_applied_once_it_answers()
    {
        host.SeedPrisoner("A1405TE", "LEI");
        var id = await host.SubmittedApplicationAsync("A1405TE", "205", "Una Oldpom", "LEI");

        // More failures than one delivery's own retries (1 + 2): the stream retries the event.
        host.Simulator.PrisonerSearchFaults.Apply(new FaultSettings { FailNext = 4, FailureStatusCode = 503 });
        await host.MoveAsync("A1405TE", "MRI");

        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "MRI")).Contains(id), Deadline, "the retried move to be recorded");
        (await host.AssignmentCountAsync(id)).Should().Be(2);
        var status = await host.ReadAsync("/cas2/transfers/status");
        status["transfersApplied"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(1);
        status["pendingPrisoners"]!.AsArray().Select(p => p!["nomsNumber"]!.GetValue<string>()).Should().NotContain("A1405TE", "the pending lookup is cleared when it is applied");
    }

    [Fact]
    public async Task An_allocation_while_the_POM_service_is_down_becomes_a_dead_letter_and_its_replay_applies_it()
    {
        host.SeedPrisoner("A1406TE", "LEI");
        var id = await host.SubmittedApplicationAsync("A1406TE", "206", "Una Oldpom", "LEI");
        host.Simulator.Allocate("A1406TE", 5006, "Dee", "Later", "LEI");
        host.Simulator.PomAllocationsFaults.Apply(new FaultSettings { FailureRate = 1.0, FailureStatusCode = 503 });
        try
        {
            await host.PostEventAsync(TransferFixtures.AllocationChanged("A1406TE"), messageId: "allocation-1406");
            await Eventually.TrueAsync(async () => (await DeadLettersAsync("A1406TE")).Count == 1, Deadline, "the event to become a dead letter after its attempts");
            var status = await host.ReadAsync("/cas2/transfers/status");
            status["failing"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(1);
            status["pendingPrisoners"]!.AsArray().Select(p => p!["nomsNumber"]!.GetValue<string>()).Should().Contain("A1406TE");
            (await host.AssignmentCountAsync(id)).Should().Be(1, "nothing is half-written while the lookup fails");
        }
        finally
        {
            host.Simulator.PomAllocationsFaults.Apply(new FaultSettings { FailureRate = 0 });
        }

        (await host.Host.DeadLetters.ReplayAsync((await DeadLettersAsync("A1406TE")).Single().Id)).Should().BeTrue();

        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Allocated, userId: "5006")).Contains(id), Deadline, "the replayed allocation to be applied");
        (await host.AssignmentCountAsync(id)).Should().Be(2, "the POM in the same prison: no move, one new assignment");
    }

    private async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string nomsNumber) =>
        [.. (await host.Host.DeadLetters.ListAsync(new DeadLetterQuery("hmpps-domain-events", nomsNumber))).Where(l => l.Subscriber == TransferPrisonerGrain.GrainTypeName)];

    /// <summary>Events that change nothing leave no trace in the rows: wait until the transfers grain has consumed them.</summary>
    private Task WaitForTransferEventsAsync(string nomsNumber, int count) =>
        Eventually.TrueAsync(async () => await host.Host.ScalarAsync<long>(
            """
            select count(*) from stream_consumed c join stream_message m on m.id = c.message
            where m.namespace = 'hmpps-domain-events' and m.stream_key = $1 and c.consumer = 'transfers.prisoner'
            """, nomsNumber) >= count, Deadline, $"the transfers grain to consume {count} events of {nomsNumber}");
}
