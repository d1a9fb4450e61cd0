using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.Incentives;

/// <summary>A review recorded in DPS reaches NOMIS once, is mapped, and NOMIS' echo of it is not synchronised back.</summary>
public sealed class DpsToNomisSyncTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(DpsToNomisSyncTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_DPS_review_lands_in_NOMIS_exactly_once_and_is_not_echoed_back()
    {
        _host.SeedPrisoner("A1001DN", 101, "WAI");

        using var response = await _host.SendAsync(HttpMethod.Post, "/incentive-reviews/prisoner/A1001DN", ApiRoles.Operator,
            new { iepLevel = "ENH", comment = "Good behaviour", reviewType = "REVIEW", reviewedBy = "STAFF_1" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var review = (await response.Content.ReadFromJsonAsync<JsonElement>());
        var reviewId = review.GetProperty("id").GetInt64();
        response.Headers.Location!.ToString().Should().Be($"/incentive-reviews/id/{reviewId}");
        review.GetProperty("bookingId").GetInt64().Should().Be(101, "the review goes on the prisoner's latest NOMIS booking");
        review.GetProperty("agencyId").GetString().Should().Be("WAI");

        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A1001DN")).Reviews.Single().Mapping is not null, Deadline, "the review to be written to NOMIS and mapped");
        var status = (await _host.SyncStatusAsync("A1001DN")).Reviews.Single();
        status.Mapping!.MappingType.Should().Be(IncentiveMapping.IncentiveCreated);
        status.ToNomisStatus.Should().Be("MAPPED");

        var iep = _host.NomisIeps("A1001DN").Should().ContainSingle().Subject;
        iep.IepLevel.Code.Should().Be("ENH");
        iep.CommentText.Should().Be("Good behaviour");
        iep.UserId.Should().Be("STAFF_1");
        iep.PrisonId.Should().Be("WAI");
        iep.AuditModule.Should().Be(NomisAuditModules.DpsSynchronisation);
        (status.Mapping.NomisBookingId, status.Mapping.NomisIncentiveSequence).Should().Be((iep.BookingId, iep.IncentiveSequence));

        // NOMIS raises IEP_UPSERTED for its own write; the hub sees it and leaves it alone.
        await Eventually.TrueAsync(() => _host.Metrics.EchoesSuppressed(IncentivesMetrics.NomisToDps) >= 1, Deadline, "NOMIS' echo of the write to be ingested and suppressed");
        _host.NomisIeps("A1001DN").Should().ContainSingle();
        (await _host.SyncStatusAsync("A1001DN")).Reviews.Should().ContainSingle();
    }

    [Fact]
    public async Task A_repeated_inserted_event_changes_nothing()
    {
        var reviewId = await CreateSynchronisedReviewAsync("A1002DN", 102, "STD");
        var duplicatesBefore = _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "duplicate");

        // The same event arriving from outside, as an SNS duplicate or a replay would.
        var domainEvent = new
        {
            eventType = "incentives.iep-review.inserted",
            additionalInformation = new { id = reviewId, nomsNumber = "A1002DN" },
            version = "1.0",
            occurredAt = "2024-06-14T09:06:54+01:00",
            description = "An IEP review has been added",
        };
        using var response = await _host.SendAsync(HttpMethod.Post, "/events/domain-events", ApiRoles.Operator, domainEvent);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "duplicate") > duplicatesBefore, Deadline, "the repeated event to be recognised as a duplicate");
        _host.NomisIeps("A1002DN").Should().ContainSingle();
    }

    [Fact]
    public async Task An_inserted_event_that_names_only_the_review_reaches_the_prisoner()
    {
        var reviewId = await CreateSynchronisedReviewAsync("A1003DN", 103, "BAS");
        var duplicatesBefore = _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "duplicate");

        // The shape of incentives-iep-review-inserted-domain-event-sns-envelope.json: an SNS envelope whose message has only the id, as a string.
        var envelope = JsonSerializer.Deserialize<Dictionary<string, object?>>(HmppsFixtures.Text("incentives-iep-review-inserted-domain-event-sns-envelope.json"))!;
        envelope["MessageId"] = Guid.NewGuid().ToString();
        envelope["Message"] = $$$"""{"eventType":"incentives.iep-review.inserted", "additionalInformation": {"id":"{{{reviewId}}}"}}""";
        using var response = await _host.SendAsync(HttpMethod.Post, "/events/domain-events", ApiRoles.Operator, envelope);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "duplicate") > duplicatesBefore, Deadline, "the event to reach the prisoner's grain through the review id");
        _host.NomisIeps("A1003DN").Should().ContainSingle();
    }

    [Fact]
    public async Task A_review_for_a_prisoner_NOMIS_does_not_know_is_refused()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/incentive-reviews/prisoner/Z9999ZZ", ApiRoles.Operator, new { iepLevel = "STD", comment = "Hello" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("Z9999ZZ");
        (await _host.SyncStatusAsync("Z9999ZZ")).Reviews.Should().BeEmpty();
    }

    /// <summary>A DPS review of a new prisoner, once it is in NOMIS and mapped.</summary>
    private async Task<long> CreateSynchronisedReviewAsync(string prisonerNumber, long bookingId, string level)
    {
        _host.SeedPrisoner(prisonerNumber, bookingId);
        var reviewId = (await _host.CreateDpsReviewAsync(prisonerNumber, level)).Review!.Id;
        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync(prisonerNumber)).Reviews.Single().Mapping is not null, Deadline, "the review to be mapped");
        return reviewId;
    }
}
