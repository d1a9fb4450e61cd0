using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Finance;
using OrleansSync.Simulators.InterimFinance;
using OrleansSync.Simulators.Tenure;

namespace OrleansSync.Grains.Tests.Finance.Support;

/// <summary>
/// The real silo host (runtime, gateway, co-hosted tenure API and interim finance simulators) on a test
/// database, wired as the default run is but without sockets: the hub's finance clients and the tenure
/// simulator's event publisher go through the in-memory test server, so a tenure written in the simulator
/// travels simulator → POST /events/tenure → stream → tenure grain → GET tenure → account → workbook and push.
/// </summary>
internal sealed class FinanceHost : IAsyncDisposable
{
    public const string SpreadsheetPassword = "finance-test-password-7";

    private readonly TestDatabase? _ownedDatabase;

    private FinanceHost(TestDatabase database, bool ownsDatabase, string folder, IReadOnlyDictionary<string, string?> settings)
    {
        Database = database;
        _ownedDatabase = ownsDatabase ? database : null;
        Folder = folder;
        Factory = new SiloFactory(database.ConnectionString, settings, (services, handler) =>
        {
            services.GetRequiredService<FinanceHttpTransport>().Handler = handler;
            services.GetRequiredService<TenureSimulator>().Events.UseHandler(handler);
        });
    }

    public TestDatabase Database { get; }

    /// <summary>The workbook's folder (Finance:Spreadsheet:Folder), a fresh temporary one unless given.</summary>
    public string Folder { get; }

    public SiloFactory Factory { get; }

    public IServiceProvider Services => Factory.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IDeadLetters DeadLetters => Services.GetRequiredService<IDeadLetters>();

    public TenureSimulator Tenure => Services.GetRequiredService<TenureSimulator>();

    public InterimFinanceSimulator Interim => Services.GetRequiredService<InterimFinanceSimulator>();

    public string WorkbookPath => Path.Combine(Folder, FinanceSpreadsheetOptions.FileNameDefault);

    /// <summary>A host on a new test database in <paramref name="mode"/>; the tenure simulator posts its events to the hub unless <paramref name="simulatorPostsEvents"/> is false.</summary>
    public static async Task<FinanceHost> StartAsync(string name, FinanceMode mode, bool simulatorPostsEvents = true, IReadOnlyDictionary<string, string?>? settings = null) =>
        Start(await TestDatabase.CreateAsync(name), NewFolder(), mode, simulatorPostsEvents, settings);

    /// <summary>A host on the database and folder of <paramref name="previous"/> (disposed first): a restart with other settings.</summary>
    public static async Task<FinanceHost> RestartAsync(FinanceHost previous, FinanceMode mode, bool simulatorPostsEvents = true)
    {
        var database = previous.Database;
        var folder = previous.Folder;
        await previous.DisposeHostAsync();
        return Start(database, folder, mode, simulatorPostsEvents, null);
    }

    private static FinanceHost Start(TestDatabase database, string folder, FinanceMode mode, bool simulatorPostsEvents, IReadOnlyDictionary<string, string?>? settings) =>
        new(database, ownsDatabase: true, folder, Settings(mode, simulatorPostsEvents, settings, folder));

    public HttpClient Client(string? role = ApiRoles.Operator)
    {
        var client = Factory.CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(Services, role));
        }

        return client;
    }

    /// <summary>Posts <paramref name="json"/> to /events/tenure as an operator would (or an upstream SNS subscription).</summary>
    public async Task<HttpResponseMessage> PostEventAsync(string json)
    {
        using var client = Client();
        return await client.PostAsync("/events/tenure", new StringContent(json, Encoding.UTF8, "application/json"));
    }

    /// <summary>A housing officer creates a tenure in Manage My Home (the simulator's admin endpoint), which raises TenureCreatedEvent.</summary>
    public async Task<JsonElement> CreateTenureAsync(string json)
    {
        using var client = Client(role: null);
        using var response = await client.PostAsync("/sim/tenure/admin/tenures", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> UpdateTenureAsync(Guid id, object update)
    {
        using var client = Client(role: null);
        using var response = await client.PatchAsJsonAsync($"/sim/tenure/admin/tenures/{id:D}", update);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<FinanceAccount?> AccountAsync(Guid tenureId) => Grains.GetGrain<ITenureAccountGrain>(tenureId.ToString("D")).GetAccountAsync();

    public async Task<byte[]> DownloadWorkbookAsync()
    {
        using var client = Client();
        using var response = await client.GetAsync("/finance/spreadsheet");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task<long> CountAsync(string sql, params object?[] parameters) => await Database.ScalarAsync(sql, parameters) is long count ? count : 0;

    public async ValueTask DisposeAsync()
    {
        await DisposeHostAsync();
        if (_ownedDatabase is not null)
        {
            await _ownedDatabase.DisposeAsync();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private async Task DisposeHostAsync()
    {
        await Factory.DisposeAsync();
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "orleanssync-finance-" + Guid.NewGuid().ToString("N"));

    private static Dictionary<string, string?> Settings(FinanceMode mode, bool simulatorPostsEvents, IReadOnlyDictionary<string, string?>? overrides, string folder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Finance:Mode"] = mode.ToString(),
            ["Finance:Spreadsheet:Folder"] = folder,
            ["Finance:Spreadsheet:Password"] = SpreadsheetPassword,
            ["Finance:Spreadsheet:WriteDelay"] = "00:00:00.050",
            ["Finance:Spreadsheet:CheckInterval"] = "00:00:00.500",
            ["Finance:TenureApi:RetryDelay"] = "00:00:00.010",

            // Hosts no socket answers for: only the in-memory handler reaches the simulators.
            ["Finance:TenureApi:BaseUrl"] = "http://tenure-api.test/sim/tenure",
            ["Finance:InterimFinance:BaseUrl"] = "http://interim-finance.test/sim/interim-finance",
            ["Finance:InterimFinance:ApiKey"] = InterimFinanceSimulatorOptions.DevelopmentApiKey,
            ["Simulators:Tenure:EventRetryDelay"] = "00:00:00.020",
        };
        if (!simulatorPostsEvents)
        {
            // Empty: the simulator records its events without sending them, so a test posts them itself, in the order it wants.
            settings["Simulators:Tenure:EventsUrl"] = "";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
