using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.PrisonTransfers;

namespace OrleansSync.Grains.Tests.PrisonTransfers.Support;

/// <summary>
/// The real silo host (as <see cref="IncentivesHost"/>) with the prisoner search and POM allocations
/// simulators wired to it in memory: an admin move or allocation posts the real domain event to
/// POST /events/domain-events, and the transfers grain reads the simulators back through the same server.
/// One host per test class; each test uses its own NOMS numbers.
/// </summary>
public sealed class TransfersHost : IAsyncLifetime
{
    private IncentivesHost? _host;

    internal IncentivesHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public TransfersSimulator Simulator => Host.Services.GetRequiredService<TransfersSimulator>();

    public async Task InitializeAsync()
    {
        _host = await IncentivesHost.StartAsync("transfers");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? role = ApiRoles.Operator, object? body = null) =>
        Host.SendAsync(method, path, role, body);

    public async Task<JsonNode> ReadAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, ApiRoles.Reader);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public void SeedPrisoner(string nomsNumber, string prisonId) => Simulator.Seed(nomsNumber, prisonId, null);

    /// <summary>Creates and submits an application for the prisoner, created by <paramref name="userId"/> at <paramref name="prison"/>.</summary>
    public async Task<Guid> SubmittedApplicationAsync(string nomsNumber, string userId, string userName, string prison)
    {
        var id = await InProgressApplicationAsync(nomsNumber, userId, userName, prison);
        using var submitted = await SendAsync(HttpMethod.Post, $"/cas2/applications/{id}/submit");
        submitted.EnsureSuccessStatusCode();
        return id;
    }

    public async Task<Guid> InProgressApplicationAsync(string nomsNumber, string userId, string userName, string prison)
    {
        using var created = await SendAsync(HttpMethod.Post, "/cas2/applications", body: new
        {
            nomsNumber,
            crn = "X" + nomsNumber[1..5],
            personName = $"Person {nomsNumber}",
            createdByUserId = userId,
            createdByUserName = userName,
            referringPrisonCode = prison,
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task MoveAsync(string nomsNumber, string prisonId)
    {
        using var response = await Host.Client.PostAsJsonAsync($"/sim/prisoner-search/admin/prisoners/{nomsNumber}/move", new { prisonId });
        response.EnsureSuccessStatusCode();
    }

    public async Task AllocateAsync(string nomsNumber, long staffCode, string forename, string surname, string prisonCode)
    {
        using var response = await Host.Client.PostAsJsonAsync($"/sim/pom-allocations/admin/allocations/{nomsNumber}", new { staffCode, forename, surname, prisonCode });
        response.EnsureSuccessStatusCode();
    }

    public async Task MergeAsync(string removedNomsNumber, string nomsNumber, long? bookingId = null)
    {
        using var response = await Host.Client.PostAsJsonAsync("/sim/prisoner-search/admin/merge", new { removedNomsNumber, nomsNumber, bookingId });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts a raw domain event (a contract fixture, filled in) to the hub as an upstream system would.</summary>
    public async Task<HttpResponseMessage> PostEventAsync(string json, string? messageId = null)
    {
        var request = Host.Request(HttpMethod.Post, "/events/domain-events", ApiRoles.Operator);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        request.Headers.Add("X-Message-Id", messageId ?? Guid.NewGuid().ToString());
        return await Host.Client.SendAsync(request);
    }

    public Task<JsonNode> ApplicationAsync(Guid id) => ReadAsync($"/cas2/applications/{id}");

    /// <summary>The ids the list answers for the filter, in its order.</summary>
    public async Task<IReadOnlyList<Guid>> ListAsync(string assignmentType, string? userId = null, string? prisonCode = null)
    {
        var query = $"/cas2/applications?assignmentType={assignmentType}&size=100"
            + (userId is null ? "" : $"&userId={Uri.EscapeDataString(userId)}")
            + (prisonCode is null ? "" : $"&prisonCode={prisonCode}");
        return [.. (await ReadAsync(query)).AsArray().Select(item => item!["id"]!.GetValue<Guid>())];
    }

    public async Task<int> AssignmentCountAsync(Guid id) => (await ApplicationAsync(id))["assignments"]!.AsArray().Count;

    public async Task<IReadOnlyList<(string Type, string Label)>> TimelineAsync(Guid id) =>
        [.. (await ApplicationAsync(id))["timelineEvents"]!.AsArray().Select(e => (e!["type"]!.GetValue<string>(), e["label"]!.GetValue<string>()))];
}
