using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Api.Ingestion;
using Orleans.Serialization;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Tests.Support;

/// <summary>
/// The real silo host (Orleans silo, API, simulators) for one test class, on its own database, through
/// the real HTTP pipeline; with the test event sources registered and <see cref="FailingSubscriberGrain"/>
/// subscribed to their namespace, so every message appended there becomes a dead letter after
/// <c>Streams:MaxAttempts</c> (3 in the fast test settings).
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string SubscribedNamespace = "api-tests";

    /// <summary>Configured rather than generated, so that both ways of minting a test token are exercised.</summary>
    public const string SigningKey = "api-tests-signing-key-0123456789-abcdefghijklmnop";

    private TestDatabase? _database;
    private WebApplicationFactory<Program>? _factory;

    /// <summary>
    /// Redirects are answered, not followed: a followed redirect drops the bearer token, which would
    /// make an endpoint that redirects (the Orleans dashboard's bare path) look unauthorised.
    /// </summary>
    private static readonly WebApplicationFactoryClientOptions ClientOptions = new() { AllowAutoRedirect = false };

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public IServiceProvider Services => Factory.Services;

    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("api_tests");
        var settings = new Dictionary<string, string?>
        {
            [ApiSigningKey.ConfigurationKey] = SigningKey,
        };

        // SiloFactory is the host; WithWebHostBuilder adds the test-only sources to it. The root
        // factory is never started itself, so only the derived one needs stopping.
        _factory = new SiloFactory(_database.ConnectionString, settings).WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddEventSource(TestEventSources.Subscribed);
            services.AddEventSource(TestEventSources.Unsubscribed);

            // The test assembly's subscriber grain: hosted by Orleans, and known to the producer's subscription look-up.
            services.AddSerializer(serializer => serializer.AddAssembly(typeof(FailingSubscriberGrain).Assembly));
            services.AddSingleton(new StreamSubscriptions([typeof(OrleansSync.Grains.GrainsAssembly).Assembly, typeof(FailingSubscriberGrain).Assembly]));
        }));
        using var client = _factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "the silo must be serving before the tests start");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous() => Factory.CreateClient(ClientOptions);

    /// <summary>A client whose requests carry a token with <paramref name="role"/>.</summary>
    public HttpClient As(string role) => WithToken(DevTokens.Create(Services, role, $"test-{role}"));

    public HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient(ClientOptions);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Stream rows of a message id (one per append; Orleans fans it out to the subscribers); read-only, for assertions.</summary>
    public async Task<long> StreamRowsAsync(string messageId, string streamNamespace = SubscribedNamespace)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from stream_message where namespace = $1 and message_id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamNamespace });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The stream row of a message id: its key and payload.</summary>
    public async Task<(string Key, JsonElement Payload)> StreamMessageAsync(string messageId, string streamNamespace = SubscribedNamespace)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select stream_key, payload::text from stream_message where namespace = $1 and message_id = $2 limit 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamNamespace });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue($"message {messageId} should be in stream {streamNamespace}");
        using var payload = JsonDocument.Parse(reader.GetString(1));
        return (reader.GetString(0), payload.RootElement.Clone());
    }
}
