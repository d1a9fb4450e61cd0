using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Api.Tests.Gateway;

/// <summary>
/// The API gateway as a separate process: the same host in the client role, hosting no grains,
/// in front of a silo listening on a real socket. Calls through the gateway reach the silo's grains.
/// </summary>
public sealed class SeparateGatewayTests : IAsyncLifetime
{
    private const string SigningKey = "separate-gateway-test-signing-key-of-32-bytes+";
    private TestDatabase _database = null!;
    private SiloFactory _silo = null!;
    private SiloFactory _gateway = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(nameof(SeparateGatewayTests));
        var port = Ports.Free();
        _silo = new SiloFactory(_database.ConnectionString, Shared(new() { ["Runtime:SiloAddress"] = $"http://127.0.0.1:{port}" }));
        _silo.UseKestrel(port);
        _silo.StartServer();
        _gateway = new SiloFactory(_database.ConnectionString, Shared(new() { ["Runtime:Role"] = "Client", ["Silo:Simulators"] = "false" }));
        using var ready = _silo.CreateClient();
        await Eventually.TrueAsync(async () => (await ready.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the silo serves its partitions");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_gateway_process_hosts_no_grains_and_routes_calls_to_the_silo()
    {
        using var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(_gateway.Services, ApiRoles.Reader));

        var response = await client.GetAsync("/incentives/prisoner/A1234BC/sync-status");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var gatewayRuntime = _gateway.Services.GetRequiredService<SiloRuntime>();
        gatewayRuntime.IsClient.Should().BeTrue();
        gatewayRuntime.ActivationCount.Should().Be(0, "the gateway hosts no grains");
        _silo.Services.GetRequiredService<SiloRuntime>().ActivationCount.Should().BeGreaterThan(0, "the call ran on the silo");
    }

    private static Dictionary<string, string?> Shared(Dictionary<string, string?> settings)
    {
        settings["Runtime:ClusterSecret"] = "separate-gateway-test-cluster-secret";
        settings["Api:Jwt:SigningKey"] = SigningKey;
        return settings;
    }
}
