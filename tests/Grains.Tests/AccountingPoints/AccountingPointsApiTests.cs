using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

/// <summary>The accounting point endpoints through the real HTTP pipeline (JWT auth, problem details).</summary>
public sealed class AccountingPointsApiTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private AccountingPointsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AccountingPointsTestHost.StartAsync(nameof(AccountingPointsApiTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("13370000000000005", "GSRN must be exactly 18 digits (got 17 digits)")]
    [InlineData("033700000000000053", "GSRN must not start with 0")]
    [InlineData("133700000000000054", "GSRN check digit is 4 but the GS1 mod-10 check digit of the first 17 digits is 3")]
    public async Task An_invalid_GSRN_is_a_400_naming_the_rule_broken(string gsrn, string rule)
    {
        using var client = _host.CreateClient();
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, $"/accounting-points/{gsrn}"),
            new HttpRequestMessage(HttpMethod.Get, $"/accounting-points/{gsrn}/history"),
            new HttpRequestMessage(HttpMethod.Post, $"/accounting-points/{gsrn}/sync"),
        })
        {
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await ReadJsonAsync(response);
            problem.GetProperty("errors").GetProperty("gsrn")[0].GetString().Should().Be(rule);
        }
    }

    [Fact]
    public async Task Looking_up_a_point_the_system_never_saw_fetches_it_instead_of_answering_404()
    {
        var gsrn = _host.GeneratedGsrn(0);
        using var client = _host.CreateClient(ApiRoles.Reader);

        using var response = await client.GetAsync($"/accounting-points/{gsrn}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var point = await ReadJsonAsync(response);
        point.GetProperty("gsrn").GetString().Should().Be(gsrn);
        point.GetProperty("meteringGridAreas").GetArrayLength().Should().BeGreaterThan(0);
        point.GetProperty("sync").GetProperty("state").GetString().Should().Be("synced");
        point.GetProperty("sync").GetProperty("version").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task A_point_the_datahub_does_not_have_is_a_404_problem()
    {
        var gsrn = Gsrn.Create("70705759900000011");
        using var client = _host.CreateClient(ApiRoles.Reader);

        using var response = await client.GetAsync($"/accounting-points/{gsrn}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("detail").GetString().Should().Be($"The datahub has no accounting point {gsrn}.");
        problem.GetProperty("sync").GetProperty("outcome").GetString().Should().Be("not_found");
    }

    [Fact]
    public async Task An_ad_hoc_sync_answers_with_its_result_and_needs_the_write_policy()
    {
        var gsrn = _host.GeneratedGsrn(1);
        using (var anonymous = _host.CreateClient(role: null))
        using (var denied = await anonymous.PostAsync($"/accounting-points/{gsrn}/sync", null))
        {
            denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var reader = _host.CreateClient(ApiRoles.Reader))
        using (var forbidden = await reader.PostAsync($"/accounting-points/{gsrn}/sync", null))
        {
            forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using var client = _host.CreateClient(ApiRoles.Operator);
        using var response = await client.PostAsync($"/accounting-points/{gsrn}/sync", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await ReadJsonAsync(response);
        result.GetProperty("outcome").GetString().Should().Be("synced");
        result.GetProperty("trigger").GetString().Should().Be("manual");
        result.GetProperty("changes").GetProperty("inserted").GetInt32().Should().BeGreaterThan(0);

        using var later = await client.PostAsync($"/accounting-points/{gsrn}/sync?wait=false", null);
        later.StatusCode.Should().Be(HttpStatusCode.Accepted);
        later.Headers.Location!.ToString().Should().Be($"/accounting-points/{gsrn}");
        await Eventually.TrueAsync(async () => (await _host.Point(gsrn).GetAsync())!.Sync!.Version == 2, Deadline, "the scheduled sync to run");
    }

    [Fact]
    public async Task History_lists_every_recorded_change_and_is_404_for_a_point_not_held()
    {
        var gsrn = _host.GeneratedGsrn(2);
        using var client = _host.CreateClient(ApiRoles.Reader);
        using (var notHeld = await client.GetAsync($"/accounting-points/{gsrn}/history"))
        {
            notHeld.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        (await _host.Point(gsrn).LookupAsync()).Point.Should().NotBeNull();
        using var response = await client.GetAsync($"/accounting-points/{gsrn}/history");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = (await ReadJsonAsync(response)).GetProperty("entries");
        entries[0].GetProperty("kind").GetString().Should().Be("accounting_point");
        entries.EnumerateArray().Should().OnlyContain(e => e.GetProperty("operation").GetString() == "insert");
    }

    [Fact]
    public async Task The_sync_status_summary_is_not_mistaken_for_a_GSRN()
    {
        (await _host.RegisterUnitAsync(_host.GeneratedGsrn(3), new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);
        using var client = _host.CreateClient(ApiRoles.Reader);

        using var response = await client.GetAsync("/accounting-points/sync-status");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var summary = await ReadJsonAsync(response);
        summary.GetProperty("tracked").GetInt64().Should().BeGreaterThanOrEqualTo(1);
        summary.GetProperty("byState").GetProperty("synced").GetInt64().Should().BeGreaterThanOrEqualTo(1);
        summary.GetProperty("byState").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(SyncStates.Names);
        summary.GetProperty("oldestSync").GetProperty("gsrn").GetString().Should().NotBeNull();
        summary.GetProperty("failing").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Registering_a_controllable_unit_fetches_its_unknown_point_and_the_unit_can_be_read_back()
    {
        var gsrn = _host.GeneratedGsrn(4);
        using var client = _host.CreateClient(ApiRoles.Operator);

        using var created = await client.PostAsJsonAsync("/controllable-units", new { gsrn, startDate = "2024-02-01" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var result = await ReadJsonAsync(created);
        result.GetProperty("outcome").GetString().Should().Be("created");
        result.GetProperty("accountingPoint").GetProperty("fetch").GetProperty("outcome").GetString().Should().Be("synced");
        result.GetProperty("accountingPoint").GetProperty("status").GetProperty("tracked").GetBoolean().Should().BeTrue();
        var location = created.Headers.Location!.ToString();

        using var read = await client.GetAsync(location);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var unit = await ReadJsonAsync(read);
        unit.GetProperty("gsrn").GetString().Should().Be(gsrn);
        unit.GetProperty("startDate").GetString().Should().Be("2024-02-01");
        unit.GetProperty("status").GetString().Should().Be("active");

        using var missing = await client.GetAsync($"/controllable-units/{Guid.NewGuid()}");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_controllable_unit_is_a_400_naming_each_field()
    {
        using var client = _host.CreateClient(ApiRoles.Operator);

        using var response = await client.PostAsJsonAsync("/controllable-units", new { id = "nope", gsrn = "133700000000000054", startDate = "2024-13-01", status = "sleeping" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "gsrn", "startDate", "status");
        errors.GetProperty("status")[0].GetString().Should().Be("status must be one of new, active, inactive, terminated");
    }

    [Fact]
    public async Task A_thin_change_event_posted_to_events_datahub_syncs_the_point_soon()
    {
        var gsrn = _host.GeneratedGsrn(5);
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);
        using var client = _host.CreateClient(ApiRoles.Operator);

        using var accepted = await client.PostAsJsonAsync("/events/datahub", new
        {
            eventType = DatahubChangeEvents.AccountingPointChanged,
            gsrn,
            occurredAt = DateTimeOffset.UtcNow.AddSeconds(1),
            eventId = Guid.NewGuid().ToString(),
        });
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.TrueAsync(async () => (await _host.Point(gsrn).GetAsync())!.Sync!.Version == 2, Deadline, "the event to trigger a sync");

        using var invalid = await client.PostAsJsonAsync("/events/datahub", new { eventType = DatahubChangeEvents.AccountingPointChanged, gsrn = "133700000000000054" });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).Should().Contain("GSRN check digit is 4");
    }

    [Fact]
    public async Task Every_accounting_point_endpoint_is_in_the_OpenAPI_document_with_its_name_and_tag()
    {
        using var client = _host.CreateClient(role: null);
        using var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        var operations = new[]
        {
            ("/accounting-points/sync-status", "get", "GetAccountingPointSyncStatus"),
            ("/accounting-points/{gsrn}", "get", "GetAccountingPoint"),
            ("/accounting-points/{gsrn}/history", "get", "GetAccountingPointHistory"),
            ("/accounting-points/{gsrn}/sync", "post", "SyncAccountingPoint"),
            ("/controllable-units", "post", "RegisterControllableUnit"),
            ("/controllable-units/{id}", "get", "GetControllableUnit"),
        };
        foreach (var (path, method, name) in operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("operationId").GetString().Should().Be(name);
            operation.GetProperty("tags")[0].GetString().Should().Be("Accounting points");
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
