using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.Incentives;

/// <summary>The DPS review endpoints answer in incentives-api's shapes, refuse bad input naming the field, and check roles.</summary>
public sealed class IncentiveReviewsApiTests : IAsyncLifetime
{
    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(IncentiveReviewsApiTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Reviews_are_read_in_the_shapes_of_the_contract_fixtures()
    {
        _host.SeedPrisoner("A5001AP", 501, "MDI");
        using var created = await _host.SendAsync(HttpMethod.Post, "/incentive-reviews/prisoner/A5001AP", ApiRoles.Operator,
            new { iepLevel = "STD", comment = "Settled in", reviewType = "INITIAL", reviewTime = "2022-12-02T10:00:00", reviewedBy = "BILLYBOB" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var detail = await GetJsonAsync($"/incentive-reviews/id/{id}");
        var detailFixture = HmppsFixtures.Element("incentive-review-response.json");
        // The fixture's stray "sequence" is not part of IncentiveReviewDetail; "comments" and "locationId" are when present.
        HmppsFixtures.Keys(detail).Should().BeEquivalentTo(HmppsFixtures.Keys(detailFixture).Where(k => k != "sequence").Append("comments"));
        detail.GetProperty("iepCode").GetString().Should().Be("STD");
        detail.GetProperty("iepLevel").GetString().Should().Be("Standard");
        detail.GetProperty("iepDate").GetString().Should().Be("2022-12-02");
        detail.GetProperty("iepTime").GetString().Should().Be("2022-12-02T10:00:00");
        detail.GetProperty("userId").GetString().Should().Be("BILLYBOB");
        detail.GetProperty("agencyId").GetString().Should().Be("MDI");
        detail.GetProperty("reviewType").GetString().Should().Be("INITIAL");
        detail.GetProperty("auditModuleName").GetString().Should().Be("INCENTIVES_API");
        detail.GetProperty("isRealReview").GetBoolean().Should().BeFalse("an INITIAL review is not a real review");

        var summaryFixture = HmppsFixtures.Element("incentive-review-summary-current-response.json");
        foreach (var path in (string[])["/incentive-reviews/prisoner/A5001AP", "/incentive-reviews/booking/501"])
        {
            var summary = await GetJsonAsync(path);
            HmppsFixtures.Keys(summary).Should().BeEquivalentTo(HmppsFixtures.Keys(summaryFixture), path);
            summary.GetProperty("id").GetInt64().Should().Be(id);
            summary.GetProperty("bookingId").GetInt64().Should().Be(501);
            summary.GetProperty("iepDetails").GetArrayLength().Should().Be(0, "details only on with-details=true");
            summary.GetProperty("nextReviewDate").GetString().Should().Be("2023-12-02");
        }

        var withDetails = await GetJsonAsync("/incentive-reviews/prisoner/A5001AP?with-details=true");
        withDetails.GetProperty("iepDetails").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).Should().Equal(id);
    }

    [Fact]
    public async Task A_review_with_bad_fields_is_refused_naming_each_field_and_nothing_is_recorded()
    {
        _host.SeedPrisoner("A5002AP", 502);

        using var response = await _host.SendAsync(HttpMethod.Post, "/incentive-reviews/prisoner/A5002AP", ApiRoles.Operator,
            new { iepLevel = "ENT", comment = " ", reviewType = "PROMOTION" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("iepLevel")[0].GetString().Should().Contain("BAS, EN2, EN3, ENH, STD");
        errors.GetProperty("comment")[0].GetString().Should().Be("Is required.");
        errors.GetProperty("reviewType")[0].GetString().Should().Contain("REVIEW");
        (await _host.SyncStatusAsync("A5002AP")).Reviews.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/incentive-reviews/prisoner/not-a-noms-number", "prisonerNumber")]
    [InlineData("/incentive-reviews/booking/abc", "bookingId")]
    [InlineData("/incentive-reviews/id/12x", "id")]
    public async Task A_bad_path_value_is_a_problem_naming_it(string path, string field)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, ApiRoles.Reader);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task Reading_needs_a_token_and_recording_needs_the_operator_role()
    {
        using (var anonymous = await _host.SendAsync(HttpMethod.Get, "/incentive-reviews/prisoner/A5003AP", role: null))
        {
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var reader = await _host.SendAsync(HttpMethod.Post, "/incentive-reviews/prisoner/A5003AP", ApiRoles.Reader, new { iepLevel = "STD", comment = "x" }))
        {
            reader.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using var missing = await _host.SendAsync(HttpMethod.Get, "/incentive-reviews/prisoner/A5003AP", ApiRoles.Reader);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, ApiRoles.Reader);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
