using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Tests.PrisonTransfers.Support;

namespace OrleansSync.Grains.Tests.PrisonTransfers;

/// <summary>The /cas2 endpoints refuse bad input with problem details naming the field, write nothing half, and repeat safely.</summary>
public sealed class Cas2ApplicationsApiTests(TransfersHost host) : IClassFixture<TransfersHost>
{
    [Theory]
    [InlineData("/cas2/applications?assignmentType=SOMETHING", "assignmentType")]
    [InlineData("/cas2/applications?assignmentType=ALLOCATED", "userId")]
    [InlineData("/cas2/applications?assignmentType=UNALLOCATED", "prisonCode")]
    [InlineData("/cas2/applications?assignmentType=PRISON&prisonCode=leeds", "prisonCode")]
    [InlineData("/cas2/applications?assignmentType=IN_PROGRESS&userId=u&page=0", "page")]
    [InlineData("/cas2/applications?assignmentType=IN_PROGRESS&userId=u&size=1000", "size")]
    public async Task A_bad_list_query_is_refused_naming_the_parameter(string path, string field)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, ApiRoles.Reader);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain($"\"{field}\"");
    }

    [Fact]
    public async Task A_list_without_assignmentType_is_refused_naming_it()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/cas2/applications?userId=u", ApiRoles.Reader);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("assignmentType");
    }

    [Fact]
    public async Task A_bad_application_is_refused_naming_every_field_and_nothing_is_written()
    {
        var before = await host.Host.ScalarAsync<long>("select count(*) from cas2_application");

        using var response = await host.SendAsync(HttpMethod.Post, "/cas2/applications", body: new { nomsNumber = "a1234aa", crn = "", referringPrisonCode = "Leeds" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["nomsNumber", "crn", "personName", "createdByUserId", "createdByUserName", "referringPrisonCode"]);
        (await host.Host.ScalarAsync<long>("select count(*) from cas2_application")).Should().Be(before);
    }

    [Fact]
    public async Task Creating_the_same_application_id_twice_creates_one_and_submitting_twice_assigns_once()
    {
        var id = Guid.NewGuid();
        var body = new { id, nomsNumber = "A1701AP", crn = "X17011", personName = "Ann Person", createdByUserId = "701", createdByUserName = "Olive Oldpom", referringPrisonCode = "LEI" };

        using (var first = await host.SendAsync(HttpMethod.Post, "/cas2/applications", body: body))
        {
            first.StatusCode.Should().Be(HttpStatusCode.Created);
            first.Headers.Location!.ToString().Should().Be($"/cas2/applications/{id}");
        }

        using (var again = await host.SendAsync(HttpMethod.Post, "/cas2/applications", body: body))
        {
            again.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var other = await host.SendAsync(HttpMethod.Post, "/cas2/applications", body: body with { }))
        {
            other.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var submitted = await host.SendAsync(HttpMethod.Post, $"/cas2/applications/{id}/submit");
        using var submittedAgain = await host.SendAsync(HttpMethod.Post, $"/cas2/applications/{id}/submit");
        submitted.StatusCode.Should().Be(HttpStatusCode.OK);
        submittedAgain.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.AssignmentCountAsync(id)).Should().Be(1);
        (await host.ApplicationAsync(id))["status"]!.GetValue<string>().Should().Be("SUBMITTED");
        (await host.Host.ScalarAsync<long>("select count(*) from cas2_application where id = $1", id)).Should().Be(1);
    }

    [Fact]
    public async Task An_id_in_use_by_another_prisoner_is_a_conflict_and_unknown_applications_are_not_found()
    {
        var id = await host.InProgressApplicationAsync("A1702AP", "702", "Olive Oldpom", "LEI");

        using var conflict = await host.SendAsync(HttpMethod.Post, "/cas2/applications", body: new { id, nomsNumber = "A1703AP", crn = "X1", personName = "P", createdByUserId = "702", createdByUserName = "O", referringPrisonCode = "LEI" });
        using var missing = await host.SendAsync(HttpMethod.Get, $"/cas2/applications/{Guid.NewGuid()}", ApiRoles.Reader);
        using var submitMissing = await host.SendAsync(HttpMethod.Post, $"/cas2/applications/{Guid.NewGuid()}/submit");

        conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        submitMissing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_needs_a_token_and_writing_needs_an_operator()
    {
        using var anonymous = await host.SendAsync(HttpMethod.Get, "/cas2/transfers/status", role: null);
        using var reader = await host.SendAsync(HttpMethod.Post, "/cas2/applications", ApiRoles.Reader, new { nomsNumber = "A1704AP" });

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        reader.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_transfer_event_without_a_NOMS_number_is_refused_naming_personReference()
    {
        using var response = await host.PostEventAsync(Incentives.Support.HmppsFixtures.Text("allocation-changed-with-additional-information.json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("personReference");
    }
}
