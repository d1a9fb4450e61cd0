using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Nomis;
using OrleansSync.Simulators.PrisonTransfers;

namespace OrleansSync.Grains.Tests.Incentives.Support;

/// <summary>
/// The real silo host (runtime, gateway, co-hosted NOMIS simulator) on a test database, wired as the
/// default run is but without sockets: the NOMIS client and the simulator's event emitter both go
/// through the in-memory test server, so a NOMIS event travels simulator → POST /events/offender-events
/// → stream → prisoner grain, and a DPS review travels grain → NOMIS simulator, as in production.
/// </summary>
internal sealed class IncentivesHost : IAsyncDisposable
{
    /// <summary>Fast enough that retries and reminders play out in a test's time.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastIncentives = new Dictionary<string, string?>
    {
        ["Incentives:Nomis:RetryDelay"] = "00:00:00.010",
        ["Incentives:Migration:TickInterval"] = "00:00:00.100",
        ["Incentives:Reconciliation:TickInterval"] = "00:00:00.100",
        ["Simulators:Nomis:EventRetryDelay"] = "00:00:00.020",
    };

    private readonly TestDatabase? _ownedDatabase;
    private HttpClient? _client;

    private IncentivesHost(TestDatabase database, bool ownsDatabase, SiloFactory factory)
    {
        Database = database;
        _ownedDatabase = ownsDatabase ? database : null;
        Factory = factory;
        Metrics = new IncentivesMetricsProbe(Services.GetRequiredService<IMeterFactory>());
    }

    public TestDatabase Database { get; }

    public SiloFactory Factory { get; }

    public IServiceProvider Services => Factory.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IDeadLetters DeadLetters => Services.GetRequiredService<IDeadLetters>();

    public NomisSimulator Nomis => Services.GetRequiredService<NomisSimulator>();

    public IncentivesMetricsProbe Metrics { get; }

    /// <summary>An HTTP client of the host; requests carry no token unless given one.</summary>
    public HttpClient Client => _client ??= Factory.CreateClient();

    /// <summary>A host on a new test database, dropped with the host.</summary>
    public static async Task<IncentivesHost> StartAsync(string name, IReadOnlyDictionary<string, string?>? settings = null) =>
        Start(await TestDatabase.CreateAsync(name), ownsDatabase: true, settings);

    /// <summary>A host on an existing database (a restart); the database outlives it.</summary>
    public static IncentivesHost Restart(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        Start(database, ownsDatabase: false, settings);

    public HttpRequestMessage Request(HttpMethod method, string path, string? role, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(Services, role));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? role, object? body = null) =>
        Client.SendAsync(Request(method, path, role, body));

    /// <summary>Seeds a NOMIS prisoner with a booking (the latest one) in a prison.</summary>
    public void SeedPrisoner(string prisonerNumber, long bookingId, string prisonId = "MDI") =>
        Nomis.Store.SeedPrisoner(new SeedPrisonerRequest { PrisonerNumber = prisonerNumber, BookingId = bookingId, PrisonId = prisonId });

    /// <summary>A NOMIS user records an IEP on the IEP screen (or another module), which raises IEP_UPSERTED.</summary>
    public async Task<IepWriteResponse> RecordNomisIepAsync(string prisonerNumber, string level, string? auditModule = null, string? comment = null)
    {
        using var response = await Client.PostAsJsonAsync($"/sim/nomis/admin/prisoners/{prisonerNumber}/iep",
            new { iepLevel = level, comment = comment ?? $"Recorded in NOMIS: {level}", auditModuleName = auditModule });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IepWriteResponse>())!;
    }

    /// <summary>Every IEP NOMIS holds for the prisoner's bookings.</summary>
    public IReadOnlyList<IncentiveResponse> NomisIeps(string prisonerNumber) =>
        [.. Nomis.Store.GetPrisoner(prisonerNumber).Bookings.SelectMany(b => b.Incentives)];

    public Task<CreateReviewResult> CreateDpsReviewAsync(string prisonerNumber, string level, string comment = "Reviewed in DPS") =>
        Grains.GetGrain<IIncentivePrisonerGrain>(prisonerNumber).CreateReviewAsync(new CreateIncentiveReview(level, comment, ReviewTypes.Review, null, "DPS_USER"));

    public Task<PrisonerSyncStatus> SyncStatusAsync(string prisonerNumber) =>
        Grains.GetGrain<IIncentiveReviewReaderGrain>($"prisoner/{prisonerNumber}").GetSyncStatusAsync(prisonerNumber);

    public void SetNomisFaults(FaultSettings settings) => Nomis.Faults.Apply(settings);

    /// <summary>True once every offender event the simulator emitted for the prisoner has reached the hub (or failed).</summary>
    public bool NomisEventsDelivered(string prisonerNumber) =>
        Nomis.Events.Events(prisonerNumber).All(e => e.Status != EventDeliveryStatus.Pending);

    public async Task<T?> ScalarAsync<T>(string sql, params object?[] parameters) =>
        await Database.ScalarAsync(sql, parameters) is T value ? value : default;

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        _client?.Dispose();
        await Factory.DisposeAsync();
        if (_ownedDatabase is not null)
        {
            await _ownedDatabase.DisposeAsync();
        }
    }

    private static IncentivesHost Start(TestDatabase database, bool ownsDatabase, IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(FastIncentives);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new IncentivesHost(database, ownsDatabase, new SiloFactory(database.ConnectionString, all, (services, handler) =>
        {
            services.GetRequiredService<IncentivesHttpTransport>().Use(handler);
            services.GetRequiredService<NomisSimulator>().Events.UseHandler(handler);
            services.GetRequiredService<TransfersSimulator>().Events.UseHandler(handler);
        }));
    }
}
