using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.PrisonTransfers;
using OrleansSync.Grains.Tests.PrisonTransfers.Support;

namespace OrleansSync.Grains.Tests.PrisonTransfers;

/// <summary>
/// prisoner.merged: the ADR's caveat (a NOMS number that changes before a transfer) no longer loses the
/// application, and the prisoner's incentive reviews follow the merge as the incentives service moves them.
/// </summary>
public sealed class PrisonerMergeTests(TransfersHost host) : IClassFixture<TransfersHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_merge_before_a_transfer_ends_with_the_application_at_the_new_prison_under_the_remaining_number()
    {
        host.SeedPrisoner("A1501ME", "LEI");
        var id = await host.SubmittedApplicationAsync("A1501ME", "301", "Una Oldpom", "LEI");

        await host.MergeAsync(removedNomsNumber: "A1501ME", nomsNumber: "A1502ME");
        await Eventually.TrueAsync(async () => (await host.ApplicationAsync(id))["nomsNumber"]!.GetValue<string>() == "A1502ME", Deadline,
            "the application to move to the remaining number");

        await host.MoveAsync("A1502ME", "BXI");

        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "BXI")).Contains(id), Deadline,
            "the transfer of the remaining number to reach the application");
        var application = await host.ApplicationAsync(id);
        application["nomsNumber"]!.GetValue<string>().Should().Be("A1502ME");
        application["assignments"]!.AsArray().Should().HaveCount(2, "its history moved with it");
        (await host.TimelineAsync(id)).Select(e => e.Label).Should().Contain("Prison transfer from LEI to BXI");
        (await host.ReadAsync("/cas2/transfers/status"))["mergesApplied"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_same_merge_twice_is_applied_once()
    {
        host.SeedPrisoner("A1503ME", "LEI");
        var id = await host.SubmittedApplicationAsync("A1503ME", "302", "Una Oldpom", "LEI");
        var merge = TransferFixtures.Merged("A1503ME", "A1504ME", 9150);

        await host.PostEventAsync(merge, messageId: "merge-1503");
        await host.PostEventAsync(merge, messageId: "merge-1503-resent");

        await Eventually.TrueAsync(async () => await host.Host.ScalarAsync<long>("select count(*) from cas2_prisoner_merge where removed_noms_number = 'A1503ME'") == 1, Deadline, "the merge to be recorded");
        await Eventually.TrueAsync(async () => await host.Host.ScalarAsync<long>(
            "select count(*) from stream_consumed c join stream_message m on m.id = c.message where m.message_id like 'merge-1503%' and c.consumer = 'transfers.prisoner'") == 2,
            Deadline, "both deliveries to be consumed");
        (await host.ApplicationAsync(id))["nomsNumber"]!.GetValue<string>().Should().Be("A1504ME");
        (await host.Host.ScalarAsync<int>("select applications_moved from cas2_prisoner_merge where removed_noms_number = 'A1503ME'")).Should().Be(1);
    }

    [Fact]
    public async Task A_merge_moves_the_incentive_reviews_to_the_remaining_number_and_booking_with_an_audit_and_an_updated_event_each()
    {
        host.Host.SeedPrisoner("A1505ME", 15051, "LEI");
        host.Host.SeedPrisoner("A1506ME", 15061, "LEI");
        var review = await host.Host.CreateDpsReviewAsync("A1505ME", "ENH");
        review.Status.Should().Be(CreateReviewStatus.Created);
        var reviewId = review.Review!.Id;

        await host.PostEventAsync(TransferFixtures.Merged("A1505ME", "A1506ME", 15061), messageId: "merge-1505");

        await Eventually.TrueAsync(async () => await host.Host.ScalarAsync<string>("select prisoner_number from incentive_review where id = $1", reviewId) == "A1506ME",
            Deadline, "the review to move to the remaining number");
        (await host.Host.ScalarAsync<long>("select booking_id from incentive_review where id = $1", reviewId)).Should().Be(15061, "it is re-keyed to the remaining booking");
        (await host.Host.ScalarAsync<string>("select change_type from incentive_review_audit where incentive_id = $1", reviewId)).Should().Be(IncentivePrisonerGrain.PrisonerNumberMerge);
        (await host.Host.ScalarAsync<long>(
            "select count(*) from stream_message where namespace = 'incentives-domain-events' and stream_key = 'A1506ME' and payload->>'eventType' = 'incentives.iep-review.updated' and (payload->'additionalInformation'->>'id')::bigint = $1",
            reviewId)).Should().Be(1);
        var summary = await host.Host.Grains.GetGrain<IIncentiveReviewReaderGrain>("prisoner/A1506ME").GetPrisonerSummaryAsync("A1506ME", withDetails: false);
        summary!.IepCode.Should().Be("ENH", "the moved review is the remaining booking's current one, as it had none");
    }
}
