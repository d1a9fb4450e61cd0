using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Nomis;

public sealed class NomisIncentiveApiTests
{
    private const string LocalDateTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$";

    [Fact]
    public async Task Create_accepts_the_fixture_request_and_answers_in_the_fixture_shape_with_next_sequences()
    {
        await using var host = await SimulatorHost.StartAsync();
        (await NomisApi.SeedAsync(host.Client, "A1234AF", 456)).StatusCode.Should().Be(HttpStatusCode.Created);
        var request = ContractFixtures.Read("hmpps/nomis-create-incentive-request.json");

        var first = await host.Client.PostAsync("/sim/nomis/prisoners/A1234AF/incentives", NomisApi.Json(request));
        var second = await host.Client.PostAsync("/sim/nomis/prisoners/A1234AF/incentives", NomisApi.Json(request));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var firstBody = await NomisApi.ReadJsonAsync(first);
        JsonShape.ShouldMatch(firstBody, ContractFixtures.Element("hmpps/nomis-create-incentive-response.json"));
        firstBody.GetProperty("bookingId").GetInt64().Should().Be(456);
        firstBody.GetProperty("sequence").GetInt64().Should().Be(1);
        (await NomisApi.ReadJsonAsync(second)).GetProperty("sequence").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Get_returns_what_was_created_in_the_fixture_shape_audited_as_dps_synchronisation()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A1234AF", 2);
        await host.Client.PostAsync("/sim/nomis/prisoners/A1234AF/incentives", NomisApi.Json(ContractFixtures.Read("hmpps/nomis-create-incentive-request.json")));

        var response = await host.Client.GetAsync("/sim/nomis/incentives/booking-id/2/incentive-sequence/1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await NomisApi.ReadJsonAsync(response);
        // auditModule is in the current IncentiveResponse DTO but not in the older fixture.
        JsonShape.ShouldMatch(body, ContractFixtures.Element("hmpps/nomis-incentive-response.json"), allowedExtra: ["auditModule"]);
        body.GetProperty("offenderNo").GetString().Should().Be("A1234AF");
        body.GetProperty("bookingId").GetInt64().Should().Be(2);
        body.GetProperty("incentiveSequence").GetInt64().Should().Be(1);
        body.GetProperty("iepLevel").GetProperty("code").GetString().Should().Be("STD");
        body.GetProperty("iepLevel").GetProperty("description").GetString().Should().Be("Standard");
        body.GetProperty("commentText").GetString().Should().Be("a comment");
        body.GetProperty("iepDateTime").GetString().Should().Be("2021-11-04T13:04:00");
        body.GetProperty("whenCreated").GetString().Should().MatchRegex(LocalDateTimePattern);
        body.GetProperty("prisonId").GetString().Should().Be("WAI");
        body.GetProperty("userId").GetString().Should().Be("steve");
        body.GetProperty("currentIep").GetBoolean().Should().BeTrue();
        body.GetProperty("auditModule").GetString().Should().Be("DPS_SYNCHRONISATION");
        body.TryGetProperty("whenUpdated", out _).Should().BeFalse("nulls are omitted, as by HMPPS' Jackson settings");
    }

    [Fact]
    public async Task Current_is_the_highest_iep_date_then_the_highest_sequence_ignoring_time_of_day()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A1111AA", 10, "WAI");
        await CreateAsync(host.Client, "A1111AA", "2021-11-04T15:00", "ENH");
        await CreateAsync(host.Client, "A1111AA", "2021-11-04T09:00", "STD");
        await CreateAsync(host.Client, "A1111AA", "2021-11-01T10:00", "BAS");

        var current = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/incentives/booking-id/10/current"));
        var first = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/incentives/booking-id/10/incentive-sequence/1"));

        current.GetProperty("incentiveSequence").GetInt64().Should().Be(2, "same date as seq 1, higher sequence, earlier time");
        current.GetProperty("iepLevel").GetProperty("code").GetString().Should().Be("STD");
        current.GetProperty("currentIep").GetBoolean().Should().BeTrue();
        first.GetProperty("currentIep").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Create_uses_the_latest_booking_after_a_readmission()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A2222BB", 20, "WAI");
        await NomisApi.SeedAsync(host.Client, "A2222BB", 21, "LEI");

        var created = await NomisApi.ReadJsonAsync(await CreateAsync(host.Client, "A2222BB", "2022-01-01T10:00", "STD", "LEI"));
        var state = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/admin/prisoners/A2222BB"));

        created.GetProperty("bookingId").GetInt64().Should().Be(21);
        var bookings = state.GetProperty("bookings").EnumerateArray().ToList();
        bookings.Select(b => (b.GetProperty("bookingId").GetInt64(), b.GetProperty("active").GetBoolean(), b.GetProperty("latest").GetBoolean()))
            .Should().Equal((20L, false, false), (21L, true, true));
        bookings[1].GetProperty("incentives").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Deleting_the_highest_sequence_frees_it_for_reuse_as_in_nomis()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A3333CC", 30, "WAI");
        await CreateAsync(host.Client, "A3333CC", "2022-01-01T10:00", "STD");
        await CreateAsync(host.Client, "A3333CC", "2022-01-02T10:00", "ENH");

        (await host.Client.DeleteAsync("/sim/nomis/admin/prisoners/A3333CC/iep/2")).StatusCode.Should().Be(HttpStatusCode.OK);
        var recreated = await NomisApi.ReadJsonAsync(await CreateAsync(host.Client, "A3333CC", "2022-01-03T10:00", "BAS"));

        recreated.GetProperty("sequence").GetInt64().Should().Be(2);
    }

    [Theory]
    [InlineData("/sim/nomis/prisoners/Z9999ZZ/incentives", """{"iepLevel":"STD","iepDateTime":"2021-11-04T13:04","prisonId":"WAI"}""", 404, "Prisoner with prison number Z9999ZZ not found")]
    [InlineData("/sim/nomis/prisoners/A4444DD/incentives", """{"iepLevel":"XXX","iepDateTime":"2021-11-04T13:04","prisonId":"WAI"}""", 400, "IEP type XXX does not exist for prison WAI")]
    [InlineData("/sim/nomis/prisoners/A4444DD/incentives", """{"iepLevel":"STD","iepDateTime":"2021-11-04T13:04","prisonId":"NOPE"}""", 400, "Prison with id=NOPE does not exist")]
    [InlineData("/sim/nomis/prisoners/A4444DD/incentives", """{"iepDateTime":"2021-11-04T13:04","prisonId":"WAI"}""", 400, "iepLevel")]
    [InlineData("/sim/nomis/prisoners/A4444DD/incentives", """{"iepLevel":"STD","iepDateTime":"2021-11-04T13:04:00Z","prisonId":"WAI"}""", 400, "local date-time")]
    [InlineData("/sim/nomis/prisoners/A4444DD/incentives", """{"iepLevel":""", 400, "Malformed")]
    public async Task Bad_requests_get_problem_details_with_the_hmpps_error_members(string path, string body, int status, string detailContains)
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A4444DD", 40, "WAI");
        var stateBefore = await host.Client.GetStringAsync("/sim/nomis/admin/prisoners/A4444DD");

        var response = await host.Client.PostAsync(path, NomisApi.Json(body));

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await NomisApi.ReadJsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("detail").GetString().Should().Contain(detailContains);
        problem.GetProperty("developerMessage").GetString().Should().Contain(detailContains);
        problem.TryGetProperty("userMessage", out _).Should().BeTrue();
        (await host.Client.GetStringAsync("/sim/nomis/admin/prisoners/A4444DD")).Should().Be(stateBefore, "nothing is half-written");
    }

    [Fact]
    public async Task Unknown_booking_or_sequence_is_404_and_non_numeric_ids_are_400()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A5555EE", 50, "WAI");

        (await host.Client.GetAsync("/sim/nomis/incentives/booking-id/999/current")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Client.GetAsync("/sim/nomis/incentives/booking-id/50/current")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Client.GetAsync("/sim/nomis/incentives/booking-id/50/incentive-sequence/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Client.GetAsync("/sim/nomis/incentives/booking-id/abc/current")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_configured_bearer_token_is_required_on_contract_endpoints_but_not_on_admin()
    {
        await using var host = await SimulatorHost.StartAsync(nomis: o => o.RequiredBearerToken = "nomis-token");
        (await NomisApi.SeedAsync(host.Client, "A6666FF", 60, "WAI")).StatusCode.Should().Be(HttpStatusCode.Created);

        var anonymous = await host.Client.GetAsync("/sim/nomis/incentives/ids");
        using var authorised = new HttpRequestMessage(HttpMethod.Get, "/sim/nomis/incentives/ids");
        authorised.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nomis-token");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        (await host.Client.SendAsync(authorised)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string prisoner, string iepDateTime, string level, string prisonId = "WAI") =>
        client.PostAsJsonAsync($"/sim/nomis/prisoners/{prisoner}/incentives", new { iepLevel = level, iepDateTime, prisonId, comments = "test" });
}
