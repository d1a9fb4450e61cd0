using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Nomis;

public sealed class NomisMigrationPagingTests
{
    [Fact]
    public async Task Ten_thousand_seeded_incentives_page_through_the_id_endpoint_exactly_once_each()
    {
        await using var host = await SimulatorHost.StartAsync();
        var seeded = await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/bulk", new { count = 5000, incentivesPerPrisoner = 2 });
        seeded.StatusCode.Should().Be(HttpStatusCode.Created);
        var seedBody = await NomisApi.ReadJsonAsync(seeded);
        seedBody.GetProperty("incentiveCount").GetInt32().Should().Be(10_000);

        var ids = new HashSet<(long, long)>();
        JsonElement page;
        var number = 0;
        do
        {
            page = await NomisApi.ReadJsonAsync(await host.Client.GetAsync($"/sim/nomis/incentives/ids?page={number}&size=1000"));
            page.GetProperty("number").GetInt32().Should().Be(number);
            page.GetProperty("size").GetInt32().Should().Be(1000);
            page.GetProperty("totalElements").GetInt64().Should().Be(10_000);
            page.GetProperty("totalPages").GetInt32().Should().Be(10);
            page.GetProperty("first").GetBoolean().Should().Be(number == 0);
            page.GetProperty("pageable").GetProperty("pageNumber").GetInt32().Should().Be(number);
            foreach (var id in page.GetProperty("content").EnumerateArray())
            {
                ids.Add((id.GetProperty("bookingId").GetInt64(), id.GetProperty("sequence").GetInt64())).Should().BeTrue("ids are not repeated across pages");
            }

            number++;
        }
        while (!page.GetProperty("last").GetBoolean());

        number.Should().Be(10);
        ids.Should().HaveCount(10_000);
    }

    [Fact]
    public async Task Page_has_the_spring_page_members_and_defaults_to_size_20()
    {
        await using var host = await SimulatorHost.StartAsync();
        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/bulk", new { count = 30, incentivesPerPrisoner = 1 });

        var page = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/incentives/ids"));

        page.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "content", "pageable", "last", "totalPages", "totalElements", "size", "number", "sort", "first", "numberOfElements", "empty");
        page.GetProperty("pageable").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "pageNumber", "pageSize", "sort", "offset", "paged", "unpaged");
        page.GetProperty("size").GetInt32().Should().Be(20);
        page.GetProperty("numberOfElements").GetInt32().Should().Be(20);
        page.GetProperty("content")[0].EnumerateObject().Select(p => p.Name).Should().Equal("bookingId", "sequence");
    }

    [Fact]
    public async Task From_and_to_dates_filter_on_when_created_inclusively()
    {
        await using var host = await SimulatorHost.StartAsync();
        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/bulk", new { count = 40, incentivesPerPrisoner = 1, fromDate = "2020-03-01", toDate = "2020-03-31" });
        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/bulk", new { count = 25, incentivesPerPrisoner = 1, fromDate = "2021-06-01", toDate = "2021-06-30", seed = 2 });

        async Task<long> Total(string query) =>
            (await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/incentives/ids?" + query))).GetProperty("totalElements").GetInt64();

        (await Total("")).Should().Be(65);
        (await Total("fromDate=2021-01-01")).Should().Be(25);
        (await Total("toDate=2020-03-31")).Should().Be(40);
        (await Total("fromDate=2020-03-01&toDate=2021-06-30")).Should().Be(65);
        (await Total("fromDate=2022-01-01")).Should().Be(0);
    }

    [Fact]
    public async Task A_malformed_date_filter_is_a_400_problem()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.Client.GetAsync("/sim/nomis/incentives/ids?fromDate=03/04/2020");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await NomisApi.ReadJsonAsync(response)).GetProperty("detail").GetString().Should().Contain("fromDate");
    }
}
