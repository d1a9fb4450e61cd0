using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.Nomis;

namespace OrleansSync.Simulators.Tests.Support;

/// <summary>
/// Both simulators plus a fake hub in one in-memory TestServer. The NOMIS event emitter's HttpClient is
/// pointed at the same server, so emitted events land on the fake hub without any socket.
/// </summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public const string HubPath = "/hub/events/offender-events";
    public const string HubToken = "hub-token";

    private SimulatorHost(WebApplication app, FakeHub hub)
    {
        App = app;
        Hub = hub;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public FakeHub Hub { get; }

    public HttpClient Client { get; }

    public NomisSimulator Nomis => App.Services.GetRequiredService<NomisSimulator>();

    public DatahubAdapterSimulator Datahub => App.Services.GetRequiredService<DatahubAdapterSimulator>();

    public static async Task<SimulatorHost> StartAsync(
        Action<NomisSimulatorOptions>? nomis = null,
        Action<DatahubAdapterSimulatorOptions>? datahub = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddNomisSimulator(options =>
        {
            options.EventsUrl = "http://localhost" + HubPath;
            options.EventsBearerToken = HubToken;
            options.EventRetryDelay = TimeSpan.FromMilliseconds(10);
            nomis?.Invoke(options);
        });
        builder.Services.AddHttpClient(NomisEventPublisher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
        builder.Services.AddDatahubAdapterSimulator(options =>
        {
            options.PointCount = 300;
            datahub?.Invoke(options);
        });

        var app = builder.Build();
        var hub = new FakeHub();
        app.MapNomisSimulator();
        app.MapDatahubAdapterSimulator();
        app.MapPost(HubPath, hub.HandleAsync);
        await app.StartAsync();
        return new SimulatorHost(app, hub);
    }

    public HttpRequestMessage DatahubGet(string gsrn, string validFrom = "2000-01-01T00:00:00Z", string? key = DatahubAdapterSimulatorOptions.DefaultApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/sim/datahub/accounting_point/{gsrn}?valid_from={Uri.EscapeDataString(validFrom)}");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
