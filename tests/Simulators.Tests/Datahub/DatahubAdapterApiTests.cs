using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Datahub;

public sealed class DatahubAdapterApiTests
{
    [Theory]
    [InlineData(DatahubFixtures.Plain)]
    [InlineData(DatahubFixtures.WithLocation)]
    [InlineData(DatahubFixtures.WithNullLocation)]
    public async Task Fixture_points_are_served_exactly_as_the_fixture_files(string fixture)
    {
        await using var host = await SimulatorHost.StartAsync();
        (await host.Client.PostAsync($"/sim/datahub/admin/fixtures/{fixture}", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn, "2024-01-01T00:00:00+01:00"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadAsStringAsync();
        JsonNode.DeepEquals(JsonNode.Parse(body), ContractFixtures.Node($"elhub/{fixture}.json"))
            .Should().BeTrue($"the response must equal {fixture}.json, got {body}");
    }

    [Fact]
    public async Task The_plain_fixture_point_is_registered_by_default()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.DeepEquals(JsonNode.Parse(await response.Content.ReadAsStringAsync()), ContractFixtures.Node("elhub/elhub-adapter-accounting-point-200.json"))
            .Should().BeTrue();
    }

    [Fact]
    public async Task Generated_points_have_the_fixture_shape()
    {
        await using var host = await SimulatorHost.StartAsync();
        var withLocation = ContractFixtures.Element("elhub/elhub-adapter-accounting-point-200-with-location.json");
        var plain = ContractFixtures.Element("elhub/elhub-adapter-accounting-point-200.json");

        foreach (var gsrn in host.Datahub.Store.GeneratedGsrns.Take(50))
        {
            var body = await ReadPointAsync(host, gsrn);
            // energy_direction and closed periods' valid_to are optional members the fixtures happen not to use.
            // Points without location keys match the plain fixture, the others the with-location one (null allowed).
            JsonShape.ShouldMatch(
                body,
                body.TryGetProperty("latitude", out _) ? withLocation : plain,
                allowedExtra: ["energy_direction", "valid_to"],
                nullable: ["latitude", "longitude"]);

            body.GetProperty("gsrn").GetString().Should().Be(gsrn);
            foreach (var list in new[] { "end_user", "energy_supplier", "metering_grid_area" })
            {
                body.GetProperty(list).GetArrayLength().Should().BePositive();
            }
        }
    }

    [Fact]
    public async Task Requests_without_the_bearer_key_get_401()
    {
        await using var host = await SimulatorHost.StartAsync();

        var anonymous = await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn, key: null));
        var wrongKey = await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn, key: "not-the-key"));
        var rightKey = await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        anonymous.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        wrongKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rightKey.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_key_is_configurable()
    {
        await using var host = await SimulatorHost.StartAsync(datahub: o => o.ApiKey = "custom-key");

        (await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn, key: "custom-key"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_points_are_404_and_bad_input_is_400()
    {
        await using var host = await SimulatorHost.StartAsync();
        var unknown = Gsrn.Create("70705750099999999");
        host.Datahub.Store.Find(unknown).Should().BeNull();

        var notFound = await host.Client.SendAsync(host.DatahubGet(unknown));
        var badGsrn = await host.Client.SendAsync(host.DatahubGet("12345"));
        using var noValidFrom = new HttpRequestMessage(HttpMethod.Get, $"/sim/datahub/accounting_point/{DatahubFixtures.FixtureGsrn}");
        noValidFrom.Headers.Authorization = new("Bearer", DatahubAdapterSimulatorOptions.DefaultApiKey);
        var missing = await host.Client.SendAsync(noValidFrom);
        var zoneless = await host.Client.SendAsync(host.DatahubGet(DatahubFixtures.FixtureGsrn, "2024-01-01T00:00:00"));

        notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadProblemAsync(notFound)).GetProperty("detail").GetString().Should().Contain(unknown);
        badGsrn.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadProblemAsync(missing)).GetProperty("detail").GetString().Should().Contain("valid_from");
        zoneless.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unencoded_plus_in_valid_from_is_tolerated()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sim/datahub/accounting_point/{DatahubFixtures.FixtureGsrn}?valid_from=2024-01-01T00:00:00+01:00");
        request.Headers.Authorization = new("Bearer", DatahubAdapterSimulatorOptions.DefaultApiKey);

        (await host.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Valid_from_drops_periods_that_ended_before_it_and_keeps_overlapping_ones_whole()
    {
        await using var host = await SimulatorHost.StartAsync();
        var point = host.Datahub.Store.GeneratedGsrns.Select(g => host.Datahub.Store.Find(g)!).First(p => p.EnergySupplier.Count >= 3);
        var secondStart = point.EnergySupplier[1].ValidFrom;
        var midSecond = secondStart.AddDays(1);

        var body = await ReadPointAsync(host, point.Gsrn, AdapterDateTimeConverter.Format(midSecond));

        var suppliers = body.GetProperty("energy_supplier").EnumerateArray().ToList();
        suppliers.Should().HaveCount(point.EnergySupplier.Count - 1);
        suppliers[0].GetProperty("valid_from").GetString().Should().Be(AdapterDateTimeConverter.Format(secondStart), "periods are not clipped to valid_from");
        suppliers[0].GetProperty("business_id").GetString().Should().Be(point.EnergySupplier[1].BusinessId);
    }

    [Fact]
    public async Task Timestamps_are_oslo_midnights_written_with_their_offset()
    {
        await using var host = await SimulatorHost.StartAsync();

        var body = await ReadPointAsync(host, host.Datahub.Store.GeneratedGsrns[0]);

        body.GetProperty("end_user")[0].GetProperty("valid_from").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T00:00:00\+0[12]:00$");
    }

    [Fact]
    public async Task Supplier_switch_through_admin_is_reflected_as_a_closed_and_a_new_period()
    {
        await using var host = await SimulatorHost.StartAsync();
        var gsrn = DatahubFixtures.FixtureGsrn;

        var changed = await host.Client.PostAsJsonAsync($"/sim/datahub/admin/accounting_points/{gsrn}/timeline", new
        {
            kind = "energy_supplier",
            business_id = "7080005051286",
            valid_from = "2024-06-01T00:00:00+02:00",
        });

        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await ReadPointAsync(host, gsrn, "2024-01-01T00:00:00Z");
        var suppliers = body.GetProperty("energy_supplier");
        suppliers.GetArrayLength().Should().Be(2);
        suppliers[0].GetProperty("business_id").GetString().Should().Be("1234567890123");
        suppliers[0].GetProperty("valid_to").GetString().Should().Be("2024-06-01T00:00:00+02:00");
        suppliers[1].GetProperty("business_id").GetString().Should().Be("7080005051286");
        suppliers[1].TryGetProperty("valid_to", out _).Should().BeFalse("open-ended periods omit valid_to, as in the fixtures");
    }

    [Fact]
    public async Task A_change_before_existing_periods_replaces_them_so_the_hub_must_delete()
    {
        await using var host = await SimulatorHost.StartAsync();
        var point = host.Datahub.Store.GeneratedGsrns.Select(g => host.Datahub.Store.Find(g)!).First(p => p.EnergySupplier.Count >= 2);

        await host.Client.PostAsJsonAsync($"/sim/datahub/admin/accounting_points/{point.Gsrn}/timeline", new
        {
            kind = "energy_supplier",
            business_id = host.Datahub.Store.EnergySuppliers[0],
            valid_from = AdapterDateTimeConverter.Format(point.EnergySupplier[0].ValidFrom),
        });

        var body = await ReadPointAsync(host, point.Gsrn);
        body.GetProperty("energy_supplier").GetArrayLength().Should().Be(1);
        body.GetProperty("energy_supplier")[0].GetProperty("business_id").GetString().Should().Be(host.Datahub.Store.EnergySuppliers[0]);
    }

    [Fact]
    public async Task A_move_out_leaves_a_gap_in_the_end_user_timeline()
    {
        await using var host = await SimulatorHost.StartAsync();
        var gsrn = DatahubFixtures.FixtureGsrn;

        await host.Client.PostAsJsonAsync($"/sim/datahub/admin/accounting_points/{gsrn}/timeline", new
        {
            kind = "end_user",
            business_id = (string?)null,
            valid_from = "2024-03-01T00:00:00+01:00",
        });

        var endUsers = (await ReadPointAsync(host, gsrn)).GetProperty("end_user");
        endUsers.GetArrayLength().Should().Be(1);
        endUsers[0].GetProperty("valid_to").GetString().Should().Be("2024-03-01T00:00:00+01:00");
    }

    [Fact]
    public async Task Whole_points_can_be_put_and_deleted_and_invalid_ones_are_rejected()
    {
        await using var host = await SimulatorHost.StartAsync();
        var gsrn = Gsrn.Create("70705750012345670");
        var document = $$"""
            {"gsrn":"{{gsrn}}",
             "end_user":[{"business_id":"123456789","entity_type":"organisation","valid_from":"2024-01-01T00:00:00+01:00","valid_to":"2024-06-01T00:00:00+02:00"},
                         {"business_id":"01018012345","entity_type":"person","valid_from":"2024-06-01T00:00:00+02:00"}],
             "energy_supplier":[{"business_id":"7080012345678","valid_from":"2024-01-01T00:00:00+01:00"}],
             "metering_grid_area":[{"business_id":"10YNO-1--------2","valid_from":"2024-01-01T00:00:00+01:00"}],
             "energy_direction":[{"direction":["consumption"],"valid_from":"2024-01-01T00:00:00+01:00"}],
             "latitude":null,"longitude":null}
            """;
        var overlapping = document.Replace("\"valid_to\":\"2024-06-01T00:00:00+02:00\"", "\"valid_to\":\"2024-07-01T00:00:00+02:00\"", StringComparison.Ordinal);

        (await host.Client.PutAsync($"/sim/datahub/admin/accounting_points/{gsrn}", Nomis.NomisApi.Json(document))).StatusCode.Should().Be(HttpStatusCode.Created);
        var served = await host.Client.SendAsync(host.DatahubGet(gsrn));
        JsonNode.DeepEquals(JsonNode.Parse(await served.Content.ReadAsStringAsync()), JsonNode.Parse(document)).Should().BeTrue();

        var rejected = await host.Client.PutAsync($"/sim/datahub/admin/accounting_points/{gsrn}", Nomis.NomisApi.Json(overlapping));
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadProblemAsync(rejected)).GetProperty("detail").GetString().Should().Contain("end_user[1]: overlaps end_user[0]");
        var missingList = await host.Client.PutAsync($"/sim/datahub/admin/accounting_points/{gsrn}", Nomis.NomisApi.Json($$"""{"gsrn":"{{gsrn}}","end_user":[],"energy_supplier":[]}"""));
        missingList.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await host.Client.DeleteAsync($"/sim/datahub/admin/accounting_points/{gsrn}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.Client.SendAsync(host.DatahubGet(gsrn))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_lists_generated_gsrns_and_reference_data()
    {
        await using var host = await SimulatorHost.StartAsync(datahub: o => o.PointCount = 120);

        var page = await Nomis.NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/datahub/admin/accounting_points?offset=100&limit=50"));
        var reference = await Nomis.NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/datahub/admin/reference_data"));

        page.GetProperty("total").GetInt32().Should().Be(121, "120 generated plus the fixture point");
        page.GetProperty("gsrns").GetArrayLength().Should().Be(21);
        reference.GetProperty("energy_suppliers").EnumerateArray().Select(e => e.GetString()).Should().OnlyContain(g => Gln.IsValid(g));
        reference.GetProperty("metering_grid_areas").EnumerateArray().Select(e => e.GetString()).Should().OnlyContain(c => EicCode.IsValid(c));
    }

    private static async Task<JsonElement> ReadPointAsync(SimulatorHost host, string gsrn, string validFrom = "2000-01-01T00:00:00Z")
    {
        var response = await host.Client.SendAsync(host.DatahubGet(gsrn, validFrom));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await Nomis.NomisApi.ReadJsonAsync(response);
    }

    private static Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return Nomis.NomisApi.ReadJsonAsync(response);
    }
}
