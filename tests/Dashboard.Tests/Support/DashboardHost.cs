using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans.Serialization;
using OrleansSync.Api.Ingestion;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>
/// The real silo host (Orleans silo, API, dashboard, simulators) on a loopback socket, since a browser
/// cannot reach an in-memory test server; test subscriber grains (<see cref="SubscriberDeliveries"/>) on
/// the test event sources' namespaces; and, when installed, Debian's Chromium driven by Playwright with
/// a fresh profile. One per test
/// class: its tests share the silo and the browser, each with its own page.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Without it the browser tests skip (<see cref="ChromiumFactAttribute"/>); the API tests still run.</summary>
    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    // Headless without a GPU, and nothing that would call out to the internet (sync, updates, QUIC probes).
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private TestDatabase? _database;
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private string? _profile;
    /// <summary>What the test subscriber grains received; the tests make the flaky one fail or succeed.</summary>
    public SubscriberDeliveries Deliveries { get; } = new();

    /// <summary>The silo's base URL on the loopback interface, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The host has not started.");

    public IBrowserContext Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("dashboard_tests");

        // The port is chosen before the host starts so that the host knows its own address: the co-hosted
        // simulators are reached there (the reference data's push to NOMIS, which the screens' tests watch).
        var port = FreeLoopbackPort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:SampleInterval"] = "00:00:01",
            ["Silo:Address"] = BaseUrl,
        };

        // WithWebHostBuilder adds the test-only sources; the root SiloFactory is never started itself.
        _factory = new SiloFactory(_database.ConnectionString, settings).WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddEventSource(DashboardEventSources.Steady);
            services.AddEventSource(DashboardEventSources.Flaky);

            // The test assembly's subscriber grains: hosted by Orleans, and known to the producer's subscription look-up.
            services.AddSingleton(Deliveries);
            services.AddSerializer(serializer => serializer.AddAssembly(typeof(SteadySubscriberGrain).Assembly));
            services.AddSingleton(new StreamSubscriptions([typeof(OrleansSync.Grains.GrainsAssembly).Assembly, typeof(SteadySubscriberGrain).Assembly]));
        }));
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();

        using (var client = new HttpClient { BaseAddress = new Uri(BaseUrl) })
        {
            await Eventually.TrueAsync(
                async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                "the silo to be active before the tests start");
        }

        if (!ChromiumInstalled)
        {
            return;
        }

        // The browser is Debian's; Playwright must not fetch one of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("orleanssync-dashboard-chromium-").FullName;
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            Timeout = 60_000,
        });
        Browser.SetDefaultTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        if (ChromiumInstalled && Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be removing its own files; the temp folder is cleaned eventually.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public string Token(string role) => DevTokens.Create(Services, role, $"dashboard-{role}");

    /// <summary>A client of the silo's real socket; with a token of <paramref name="role"/> unless null.</summary>
    public HttpClient Client(string? role = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        }

        return client;
    }

    /// <summary>A new tab, already signed in with a token of <paramref name="role"/> (as if the user had pasted it).</summary>
    public async Task<IPage> SignedInPageAsync(string role)
    {
        var page = await Browser.NewPageAsync();
        await page.AddInitScriptAsync($"sessionStorage.setItem('orleanssync.dashboard.token', {JsonSerializer.Serialize(Token(role))});");
        return page;
    }

    /// <summary>Posts one raw event to a test source; <paramref name="messageId"/> becomes its stream message id.</summary>
    public async Task IngestAsync(EventSource source, string entity, string messageId)
    {
        using var client = Client(ApiRoles.Operator);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/events/{source.Name}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { eventType = "test.changed", entity }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", messageId);
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }
}
