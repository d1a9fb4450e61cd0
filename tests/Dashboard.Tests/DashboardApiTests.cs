using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Dashboard.Tests.Support;

namespace OrleansSync.Dashboard.Tests;

/// <summary>The dashboard's JSON endpoints and its page over the silo's real socket.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardApiTests(DashboardHost host)
{
    private static readonly string[] Endpoints =
    [
        "/api/dashboard/overview",
        "/api/dashboard/grains",
        $"/api/dashboard/silos/{Guid.Empty}",
        "/api/dashboard/reminders",
        "/api/dashboard/streams",
        "/api/dashboard/dead-letters",
    ];

    [Fact]
    public async Task The_page_is_served_to_anyone_with_a_strict_content_security_policy()
    {
        using var client = host.Client();
        foreach (var (path, mediaType) in new[] { ("/dashboard", "text/html"), ("/dashboard/", "text/html"), ("/dashboard/dashboard.js", "text/javascript"), ("/dashboard/dashboard.css", "text/css") })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType, path);
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("connect-src 'self'");
            response.Headers.CacheControl!.NoCache.Should().BeTrue(path);
        }

        var html = await client.GetStringAsync("/dashboard");
        html.Should().NotContain("http://").And.NotContain("https://", "the page loads nothing from another origin");
        (await client.GetAsync("/dashboard/no-such-file.js")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_endpoint_refuses_an_anonymous_caller_and_a_token_without_a_known_role()
    {
        using var anonymous = host.Client();
        using var roleless = host.Client();
        roleless.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(host.Services, "visitor", "nobody"));
        foreach (var path in Endpoints)
        {
            (await anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
            (await roleless.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        }
    }

    [Fact]
    public async Task The_Orleans_dashboard_answers_a_malformed_silo_address_with_400_and_an_unknown_silo_with_404()
    {
        using var operatorClient = host.Client(ApiRoles.Operator);
        var silo = host.Services.GetRequiredService<ISiloStatusOracle>().SiloAddress;

        using var live = await operatorClient.GetAsync($"/dashboard/orleans/SiloProperties/{silo.ToParsableString()}");
        live.StatusCode.Should().Be(HttpStatusCode.OK, "the live silo's properties are served as before");

        using var malformed = await operatorClient.GetAsync("/dashboard/orleans/SiloCounters/sample");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest, "it answered 500 with a stack trace");
        (await JsonAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("address", out _).Should().BeTrue("the problem names the field");

        var elsewhere = SiloAddress.New(silo.Endpoint.Address, silo.Endpoint.Port + 1, silo.Generation);
        using var unknown = await operatorClient.GetAsync($"/dashboard/orleans/SiloStats/{elsewhere.ToParsableString()}");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_overview_lists_the_live_silo_with_its_statistics_for_a_reader()
    {
        using var reader = host.Client(ApiRoles.Reader);
        var siloId = SiloIds.Of(host.Services.GetRequiredService<ISiloStatusOracle>().SiloAddress);
        JsonElement overview = default;
        await Eventually.TrueAsync(async () =>
        {
            overview = await JsonAsync(await reader.GetAsync("/api/dashboard/overview"));
            var silos = overview.GetProperty("silos");
            return silos.GetArrayLength() == 1 && silos[0].GetProperty("statisticsAgeSeconds").ValueKind == JsonValueKind.Number;
        }, TimeSpan.FromSeconds(30), "the one silo to be listed with its statistics");

        var silo = overview.GetProperty("silos")[0];
        silo.GetProperty("siloId").GetGuid().Should().Be(siloId);
        silo.GetProperty("health").GetString().Should().Be("healthy");
        silo.GetProperty("workingSetBytes").GetInt64().Should().BePositive();
        var totals = overview.GetProperty("totals");
        totals.GetProperty("healthySilos").GetInt32().Should().Be(1);
        overview.GetProperty("history").GetArrayLength().Should().BePositive();

        var detail = await JsonAsync(await reader.GetAsync($"/api/dashboard/silos/{siloId}"));
        detail.GetProperty("silo").GetProperty("siloId").GetGuid().Should().Be(siloId);
        detail.GetProperty("history").GetArrayLength().Should().BePositive();
    }

    [Fact]
    public async Task An_unknown_silo_is_a_404_problem()
    {
        using var reader = host.Client(ApiRoles.Reader);
        using var response = await reader.GetAsync($"/api/dashboard/silos/{Guid.NewGuid()}");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Reminders_are_paged_by_cursor_and_a_cursor_the_endpoint_did_not_make_is_refused()
    {
        using var reader = host.Client(ApiRoles.Reader);
        var first = await JsonAsync(await reader.GetAsync("/api/dashboard/reminders?limit=1"));
        var total = first.GetProperty("total").GetInt64();
        if (total > 1)
        {
            var next = first.GetProperty("next").GetString();
            next.Should().NotBeNullOrEmpty();
            var second = await JsonAsync(await reader.GetAsync($"/api/dashboard/reminders?limit=1&after={Uri.EscapeDataString(next!)}"));
            var a = first.GetProperty("items")[0];
            var b = second.GetProperty("items")[0];
            (a.GetProperty("grainKey").GetString(), a.GetProperty("name").GetString()).Should().NotBe((b.GetProperty("grainKey").GetString(), b.GetProperty("name").GetString()));
            b.GetProperty("dueAt").GetDateTimeOffset().Should().BeOnOrAfter(a.GetProperty("dueAt").GetDateTimeOffset());
        }

        using var foreign = await reader.GetAsync("/api/dashboard/reminders?after=not-a-cursor");
        foreign.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonAsync(foreign, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("after", out _).Should().BeTrue();

        using var tooMany = await reader.GetAsync("/api/dashboard/reminders?limit=100000");
        (await JsonAsync(tooMany, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("limit", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Dead_letters_are_listed_for_readers_without_their_payloads()
    {
        host.Deliveries.FlakyFails = true;
        var messageId = $"listed-{Guid.NewGuid():N}";
        await host.IngestAsync(DashboardEventSources.Flaky, "entity-listed", messageId);
        using var reader = host.Client(ApiRoles.Reader);
        JsonElement letter = default;
        await Eventually.TrueAsync(async () =>
        {
            var page = await JsonAsync(await reader.GetAsync($"/api/dashboard/dead-letters?namespace={DashboardEventSources.Flaky.StreamNamespace}&limit=1000"));
            var found = page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("messageId").GetString() == messageId).ToList();
            letter = found.FirstOrDefault();
            return found.Count == 1;
        }, TimeSpan.FromSeconds(30), $"message {messageId} to be listed as a dead letter");

        letter.GetProperty("subscriber").GetString().Should().Be(SubscriberDeliveries.Flaky);
        letter.GetProperty("attempts").GetInt32().Should().Be(3);
        letter.GetProperty("lastError").GetString().Should().Contain("503");
        letter.TryGetProperty("payload", out _).Should().BeFalse("payloads can hold personal data; admins read them at /admin/dead-letters/{id}");
        letter.TryGetProperty("payloadJson", out _).Should().BeFalse();

        // The backlog is read at most once per sample interval, so it may lag the list by that much.
        await Eventually.TrueAsync(
            async () => (await JsonAsync(await reader.GetAsync("/api/dashboard/streams"))).GetProperty("totals").GetProperty("deadLetters").GetInt64() > 0,
            TimeSpan.FromSeconds(10),
            "the streams view to count the dead letter");

        (await JsonAsync(await reader.GetAsync("/api/dashboard/dead-letters?limit=0"), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("limit", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_endpoints_are_documented_with_the_read_policy()
    {
        using var client = host.Client();
        var document = await JsonAsync(await client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/dashboard/overview", "/api/dashboard/grains", "/api/dashboard/silos/{siloId}", "/api/dashboard/reminders", "/api/dashboard/streams", "/api/dashboard/dead-letters" })
        {
            paths.TryGetProperty(path, out var item).Should().BeTrue(path);
            var get = item.GetProperty("get");
            get.GetProperty("tags")[0].GetString().Should().Be(DashboardApi.Tag);
            get.GetProperty("description").GetString().Should().Contain("Policy: read");
        }

        paths.EnumerateObject().Select(p => p.Name).Should().NotContain(p => p.StartsWith("/dashboard", StringComparison.Ordinal), "the page is not part of the API");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(status, body);
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
    }
}
