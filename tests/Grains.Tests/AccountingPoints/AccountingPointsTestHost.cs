using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Api.Security;
using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Simulators.Datahub;

namespace OrleansSync.Grains.Tests.AccountingPoints;

/// <summary>
/// The real silo (runtime, API, co-hosted datahub simulator) on a test database, with sync timings
/// shortened so retries, sweeps and coalescing play out in about a second. The in-process test server
/// has no socket, so the adapter client is pointed at it through <see cref="DatahubAdapterTransport"/>:
/// its requests to {Silo:Address}/sim/datahub reach the co-hosted simulator in memory.
/// </summary>
internal sealed class AccountingPointsTestHost : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string?> FastSync = new Dictionary<string, string?>
    {
        ["AccountingPoints:AdapterRetries"] = "2",
        ["AccountingPoints:AdapterRetryDelay"] = "00:00:00.020",
        // Well above what a request to the in-process simulator takes on a loaded 2-core machine: a
        // timed-out request is retried, and tests that count the adapter's requests would see it.
        ["AccountingPoints:AdapterTimeout"] = "00:00:10",
        ["AccountingPoints:AdapterTotalTimeout"] = "00:00:25",
        ["AccountingPoints:AdapterRequestsPerSecond"] = "0",
        ["AccountingPoints:MaxConcurrentSyncs"] = "8",
        ["AccountingPoints:LimiterWait"] = "00:00:05",
        ["AccountingPoints:RetryBackoffBase"] = "00:00:00.200",
        ["AccountingPoints:RetryBackoffMax"] = "00:00:00.800",
        ["AccountingPoints:FailingAfterAttempts"] = "3",
        // Above LimiterWait + AdapterTotalTimeout (validated): a sync still running is never declared dead.
        ["AccountingPoints:DeadSyncAfter"] = "00:00:45",
        ["AccountingPoints:SweepInterval"] = "00:00:00.300",
        ["AccountingPoints:EventCoalesceWindow"] = "00:00:00.500",
        ["AccountingPoints:ResyncShardInterval"] = "00:00:00.200",
        ["Simulators:Datahub:PointCount"] = "300",
    };

    private AccountingPointsTestHost(TestDatabase database, SiloFactory factory)
    {
        Database = database;
        Factory = factory;
    }

    public TestDatabase Database { get; }

    public SiloFactory Factory { get; }

    public IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    public DatahubAdapterSimulator Simulator => Factory.Services.GetRequiredService<DatahubAdapterSimulator>();

    public static async Task<AccountingPointsTestHost> StartAsync(string name, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var database = await TestDatabase.CreateAsync(name);
        var settings = new Dictionary<string, string?>(FastSync);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var factory = new SiloFactory(database.ConnectionString, settings, (services, handler) => services.GetRequiredService<DatahubAdapterTransport>().Handler = handler);
        return new AccountingPointsTestHost(database, factory);
    }

    public IAccountingPointGrain Point(string gsrn) => Grains.GetGrain<IAccountingPointGrain>(gsrn);

    /// <summary>A generated point of the simulator, by index (each test takes its own).</summary>
    public string GeneratedGsrn(int index) => Simulator.Store.GeneratedGsrns[index];

    public Task<ControllableUnitRegistrationResult> RegisterUnitAsync(string gsrn, DateOnly start, ControllableUnitStatus status = ControllableUnitStatus.Active, Guid? id = null) =>
        Grains.GetGrain<IControllableUnitGrain>((id ?? Guid.NewGuid()).ToString("D"))
            .RegisterAsync(new ControllableUnitRegistration(gsrn, start, status));

    /// <summary>A client of the hub's API with a bearer token of <paramref name="role"/> (none: anonymous).</summary>
    public HttpClient CreateClient(string? role = ApiRoles.Operator)
    {
        var client = Factory.CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(Factory.Services, role));
        }

        return client;
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters) => (T)(await Database.ScalarAsync(sql, parameters))!;

    public Task<int> ExecuteAsync(string sql, params object[] parameters) => Database.ExecuteAsync(sql, parameters);

    /// <summary>
    /// <see cref="Eventually.TrueAsync(Func{Task{bool}}, TimeSpan, string, Func{Task{string}})"/>, with the sync rows of
    /// <paramref name="gsrns"/> in the message, so a failure explains itself.
    /// </summary>
    public Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, params string[] gsrns) =>
        Eventually.TrueAsync(condition, timeout, because, async () =>
        {
            var rows = new List<string>();
            foreach (var gsrn in gsrns)
            {
                var status = (await Point(gsrn).GetAsync())?.Sync;
                rows.Add(status is null ? $"{gsrn}: not held" : $"{gsrn}: {status}");
            }

            return Environment.NewLine + string.Join(Environment.NewLine, rows);
        });

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
