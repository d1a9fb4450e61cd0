using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSync.Simulators.PrisonTransfers;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.PrisonTransfers;

/// <summary>
/// Prisoner search and POM allocations answer in the contract's shapes, and their admin changes post the
/// real domain events (SNS envelopes, eventType in MessageAttributes) to the hub, retrying a failing hub.
/// </summary>
public sealed class TransfersSimulatorTests : IAsyncLifetime
{
    private const string HubPath = "/hub/events/domain-events";

    private readonly FakeHub _hub = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddTransfersSimulators(options =>
        {
            options.EventsUrl = "http://localhost" + HubPath;
            options.EventsBearerToken = "hub-token";
            options.EventRetryDelay = TimeSpan.FromMilliseconds(10);
        });
        builder.Services.AddHttpClient(TransfersEventPoster.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
        _app = builder.Build();
        _app.MapTransfersSimulators();
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
    public async Task Prisoner_search_answers_with_the_fixtures_fields_and_404_for_an_unknown_prisoner()
    {
        (await _client.PostAsJsonAsync("/sim/prisoner-search/admin/prisoners", new { nomsNumber = "A1234AB", prisonId = "LEI", prisonName = "HMP Leeds" })).EnsureSuccessStatusCode();

        var prisoner = await _client.GetFromJsonAsync<JsonElement>("/sim/prisoner-search/prisoner/A1234AB");
        using var unknown = await _client.GetAsync("/sim/prisoner-search/prisoner/A9999ZZ");

        var fixture = ContractFixtures.Element("hmpps/prisoner-search-prisoner-response.json");
        prisoner.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(fixture.EnumerateObject().Select(p => p.Name));
        prisoner.GetProperty("prisonId").GetString().Should().Be("LEI");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_move_updates_prisoner_search_and_posts_prisoner_updated_with_LOCATION()
    {
        (await _client.PostAsJsonAsync("/sim/prisoner-search/admin/prisoners", new { nomsNumber = "A1234AB", prisonId = "LEI" })).EnsureSuccessStatusCode();

        using var moved = await _client.PostAsJsonAsync("/sim/prisoner-search/admin/prisoners/A1234AB/move", new { prisonId = "BXI" });

        moved.StatusCode.Should().Be(HttpStatusCode.Created);
        (await _client.GetFromJsonAsync<JsonElement>("/sim/prisoner-search/prisoner/A1234AB")).GetProperty("prisonId").GetString().Should().Be("BXI");
        var (envelope, message) = SingleEvent();
        envelope.GetProperty("MessageAttributes").GetProperty("eventType").GetProperty("Value").GetString().Should().Be("prisoner-offender-search.prisoner.updated");
        var fixture = ContractFixtures.Element("hmpps/prisoner-updated-domain-event.json");
        message.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(fixture.EnumerateObject().Select(p => p.Name));
        message.GetProperty("additionalInformation").GetProperty("categoriesChanged")[0].GetString().Should().Be("LOCATION");
        message.GetProperty("personReference").GetProperty("identifiers")[0].GetProperty("value").GetString().Should().Be("A1234AB");
    }

    [Fact]
    public async Task An_allocation_answers_in_the_fixtures_shape_and_posts_allocation_changed()
    {
        using var allocated = await _client.PostAsJsonAsync("/sim/pom-allocations/admin/allocations/A0123BY", new { staffCode = 1234, forename = "Pat", surname = "Newman", prisonCode = "NEW" });

        allocated.StatusCode.Should().Be(HttpStatusCode.Created);
        var allocation = await _client.GetFromJsonAsync<JsonElement>("/sim/pom-allocations/allocation/A0123BY/primary_pom");
        allocation.GetProperty("manager").GetProperty("code").GetInt64().Should().Be(1234);
        allocation.GetProperty("prison").GetProperty("code").GetString().Should().Be("NEW");
        using var none = await _client.GetAsync("/sim/pom-allocations/allocation/A9999ZZ/primary_pom");
        none.StatusCode.Should().Be(HttpStatusCode.NotFound, "404 is how the POM service says no POM is allocated");
        var (_, message) = SingleEvent();
        var fixture = ContractFixtures.Element("hmpps/allocation-changed-domain-event.json");
        message.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(fixture.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_merge_posts_prisoner_merged_naming_both_numbers_and_the_booking_as_a_string()
    {
        using var merged = await _client.PostAsJsonAsync("/sim/prisoner-search/admin/merge", new { removedNomsNumber = "A3646EA", nomsNumber = "A3645EA", bookingId = 1216772 });

        merged.StatusCode.Should().Be(HttpStatusCode.Created);
        var (_, message) = SingleEvent();
        var fixture = ContractFixtures.Element("hmpps/prisoner-merged-domain-event.json");
        message.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(fixture.EnumerateObject().Select(p => p.Name));
        var information = message.GetProperty("additionalInformation");
        information.GetProperty("removedNomsNumber").GetString().Should().Be("A3646EA");
        information.GetProperty("nomsNumber").GetString().Should().Be("A3645EA");
        information.GetProperty("bookingId").GetString().Should().Be("1216772");
    }

    [Fact]
    public async Task A_failing_hub_is_retried_and_bad_admin_input_is_refused_naming_the_field()
    {
        _hub.FailNext(2);
        using var allocated = await _client.PostAsJsonAsync("/sim/pom-allocations/admin/allocations/A0123BY", new { staffCode = 1, prisonCode = "LEI" });
        using var bad = await _client.PostAsJsonAsync("/sim/pom-allocations/admin/allocations/A0123BY", new { prisonCode = "LEI" });

        allocated.StatusCode.Should().Be(HttpStatusCode.Created);
        _hub.Requests.Should().HaveCount(3, "two failed attempts, then the delivery");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("staffCode");
    }

    private (JsonElement Envelope, JsonElement Message) SingleEvent()
    {
        var request = _hub.Requests.Should().ContainSingle().Subject;
        request.Headers["Authorization"].Should().Be("Bearer hub-token");
        var envelope = JsonDocument.Parse(request.Body).RootElement;
        envelope.GetProperty("Type").GetString().Should().Be("Notification");
        return (envelope, JsonDocument.Parse(envelope.GetProperty("Message").GetString()!).RootElement);
    }
}
