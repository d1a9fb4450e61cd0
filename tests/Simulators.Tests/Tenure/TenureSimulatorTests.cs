using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSync.Simulators.InterimFinance;
using OrleansSync.Simulators.Tenure;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Tenure;

/// <summary>The tenure API and interim finance simulators: the contract they serve and the events the tenure API publishes (contracts §1, §2).</summary>
public sealed class TenureSimulatorTests : IAsyncLifetime
{
    private const string HubPath = "/hub/events/tenure";

    private readonly FakeHub _hub = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddTenureSimulator(options =>
        {
            options.EventsUrl = "http://localhost" + HubPath;
            options.EventRetryDelay = TimeSpan.FromMilliseconds(10);
        });
        builder.Services.AddHttpClient(TenureEventPublisher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
        builder.Services.AddInterimFinanceSimulator();
        _app = builder.Build();
        _app.MapTenureSimulator();
        _app.MapInterimFinanceSimulator();
        _app.MapPost(HubPath, _hub.HandleAsync);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Creating_a_tenure_serves_it_and_publishes_TenureCreatedEvent_in_the_EntityEventSns_envelope()
    {
        var body = ContractFixtures.Read("hackney/hackney-tenure-post-request-secure.json");
        using var created = await _client.PostAsync("/sim/tenure/admin/tenures", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var tenure = await _client.GetFromJsonAsync<JsonElement>($"/sim/tenure/api/v1/tenures/{id:D}");
        tenure.GetProperty("paymentReference").GetString().Should().Be("9156853502");
        tenure.GetProperty("tenuredAsset").GetProperty("fullAddress").GetString().Should().Be("ROOM 106 CAPE HOUSE 39 Dalston Lane E8 3DF");
        tenure.GetProperty("householdMembers")[0].GetProperty("fullName").GetString().Should().Be("FAKE_Katy FAKE_Turne");

        await Eventually.TrueAsync(() => Task.FromResult(_hub.Requests.Count == 1), TimeSpan.FromSeconds(30), "the event to reach the hub");
        using var sns = JsonDocument.Parse(_hub.Requests[0].Body);
        sns.RootElement.GetProperty("Type").GetString().Should().Be("Notification");
        using var envelope = JsonDocument.Parse(sns.RootElement.GetProperty("Message").GetString()!);
        var e = envelope.RootElement;
        e.GetProperty("eventType").GetString().Should().Be("TenureCreatedEvent");
        e.GetProperty("sourceDomain").GetString().Should().Be("Tenure");
        e.GetProperty("sourceSystem").GetString().Should().Be("TenureAPI");
        e.GetProperty("version").GetString().Should().Be("v1");
        e.GetProperty("entityId").GetGuid().Should().Be(id);
        e.GetProperty("correlationId").GetGuid().Should().NotBeEmpty();
        e.GetProperty("user").GetProperty("email").GetString().Should().NotBeNullOrEmpty();
        e.GetProperty("eventData").GetProperty("newData").GetProperty("id").GetGuid().Should().Be(id, "a create carries the whole tenure");
        sns.RootElement.GetProperty("MessageId").GetString().Should().Be(e.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_update_publishes_only_the_changed_fields_and_an_unknown_tenure_is_404()
    {
        var simulator = _app.Services.GetRequiredService<TenureSimulator>();
        var tenure = simulator.Store.Create(new TenureInformation { PaymentReference = "1111111111" });
        simulator.Store.Update(tenure.Id, new TenureUpdateRequest { PaymentReference = "2222222222", FullAddress = null });
        simulator.Store.Update(tenure.Id, new TenureUpdateRequest { PaymentReference = "2222222222" }).VersionNumber.Should().Be(1, "nothing changed the second time");

        var events = simulator.Events.Published.Select(p => p.Event).ToList();
        events.Select(e => e.EventType).Should().Equal("TenureCreatedEvent", "TenureUpdatedEvent");
        var updated = JsonSerializer.SerializeToElement(events[1].EventData.NewData);
        updated.EnumerateObject().Select(p => p.Name).Should().Equal("paymentReference");
        JsonSerializer.SerializeToElement(events[1].EventData.OldData).GetProperty("paymentReference").GetString().Should().Be("1111111111");

        using var missing = await _client.GetAsync($"/sim/tenure/api/v1/tenures/{Guid.NewGuid():D}");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_interim_finance_API_upserts_by_payment_reference_needs_its_key_and_refuses_an_older_version()
    {
        var account = new InterimFinanceAccount { PaymentReference = "9000000001", AccountId = Guid.NewGuid(), TenureId = Guid.NewGuid(), AccountStatus = "Active", SourceVersion = 2 };
        using (var anonymous = await _client.PutAsJsonAsync("/sim/interim-finance/api/accounts/9000000001", account))
        {
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InterimFinanceSimulatorOptions.DevelopmentApiKey);
        (await _client.PutAsJsonAsync("/sim/interim-finance/api/accounts/9000000001", account)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await _client.PutAsJsonAsync("/sim/interim-finance/api/accounts/9000000001", account)).StatusCode.Should().Be(HttpStatusCode.OK, "a repeat is harmless");
        (await _client.PutAsJsonAsync("/sim/interim-finance/api/accounts/9000000001", account with { SourceVersion = 1, AccountStatus = "Ended" }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "an older version never overwrites a newer one");
        var store = _app.Services.GetRequiredService<InterimFinanceSimulator>().Store;
        store.WritesOf("9000000001").Should().Be(1);
        store.UpsertsOf("9000000001").Should().Be(3);
        (await _client.GetFromJsonAsync<JsonElement>("/sim/interim-finance/api/accounts/9000000001")).GetProperty("accountStatus").GetString().Should().Be("Active");
    }
}
