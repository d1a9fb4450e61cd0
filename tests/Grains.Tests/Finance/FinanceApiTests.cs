using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Finance;
using OrleansSync.Grains.Tests.Finance.Support;

namespace OrleansSync.Grains.Tests.Finance;

/// <summary>The account and finance endpoints' answers to bad input and to the wrong role: problem details naming the field, nothing done.</summary>
public sealed class FinanceApiTests : IAsyncLifetime
{
    private FinanceHost _host = null!;

    public async Task InitializeAsync() => _host = await FinanceHost.StartAsync("finance_api", FinanceMode.Spreadsheet, simulatorPostsEvents: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/accounts?targetId=not-a-guid", "targetId")]
    [InlineData("/accounts?targetId=00000000-0000-0000-0000-000000000000", "targetId")]
    [InlineData("/accounts?targetId=8b7b9a4e-2b0a-4a51-9b6c-2f1a7c3d5e10&accountType=Savings", "accountType")]
    [InlineData("/accounts", "targetId")]
    [InlineData("/accounts/not-a-guid", "id")]
    public async Task Bad_account_queries_are_refused_with_a_problem_naming_the_field(string path, string field)
    {
        using var client = _host.Client(ApiRoles.Reader);
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task Unknown_accounts_are_404_problems_and_a_target_without_accounts_is_an_empty_list()
    {
        using var client = _host.Client(ApiRoles.Reader);
        (await client.GetAsync($"/accounts/{Guid.NewGuid():D}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/accounts/payment-reference/0000000000")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetFromJsonAsync<JsonElement>($"/accounts?targetId={Guid.NewGuid():D}")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task The_workbook_is_for_operators_and_a_json_only_caller_gets_what_it_holds()
    {
        using (var reader = _host.Client(ApiRoles.Reader))
        {
            (await reader.GetAsync("/finance/spreadsheet")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using var operatorClient = _host.Client(ApiRoles.Operator);
        var bytes = await _host.DownloadWorkbookAsync();
        Workbook.Read(bytes).ValidationErrors.Should().BeEmpty("even an empty workbook (headers only) is valid");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/finance/spreadsheet");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await operatorClient.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        status.GetProperty("accounts").GetInt32().Should().Be(0);
        status.GetProperty("writtenAt").ValueKind.Should().Be(JsonValueKind.String);
    }
}
