using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Api.Tests.Gateway;

/// <summary>
/// The API gateway as a separate process: the same host with Orleans:Role=Client, an Orleans client
/// hosting no grains, connected to a silo's gateway port. Calls through the gateway reach the silo's grains.
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
        _silo = new SiloFactory(_database.ConnectionString, Shared([]));
        using var ready = _silo.CreateClient();
        await Eventually.TrueAsync(async () => (await ready.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the silo is active");
        _gateway = new SiloFactory(_database.ConnectionString, Shared(new()
        {
            ["Orleans:Role"] = "Client",
            ["Orleans:GatewayPort"] = _silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:Simulators"] = "false",
        }));
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
        _gateway.Services.GetService<ISiloStatusOracle>().Should().BeNull("the gateway is an Orleans client, not a silo");
        _gateway.Services.GetService<IClusterClient>().Should().NotBeNull();
        var activations = await _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        activations.Should().BeGreaterThan(0, "the call ran on the silo");
    }

    private static Dictionary<string, string?> Shared(Dictionary<string, string?> settings)
    {
        settings["Api:Jwt:SigningKey"] = SigningKey;
        return settings;
    }
}
