using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime;

namespace OrleansSync.Testing;

/// <summary>
/// The real silo host (src/Silo Program: Orleans silo, API, simulators) in the test process, on its
/// own test database and free Orleans ports, through the real HTTP pipeline. Stream retries and
/// the minimum reminder period are shortened so retries, dead letters and reminders play out in
/// seconds; <paramref name="settings"/> overrides any configuration key. <paramref name="useInMemoryServer"/> points
/// the host's outbound HTTP at its own in-memory server (see <see cref="InMemoryServerHandler"/>) before anything starts.
/// </summary>
public sealed class SiloFactory(
    string connectionString,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceProvider, HttpMessageHandler>? useInMemoryServer = null) : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string?> FastStreams = new Dictionary<string, string?>
    {
        ["Streams:QueueCount"] = "4",
        ["Streams:PollInterval"] = "00:00:00.020",
        ["Streams:RetryBackoff"] = "00:00:00.050",
        ["Streams:RetryBackoffMax"] = "00:00:00.400",
        ["Streams:MaxAttempts"] = "3",
    };

    /// <summary>Orleans' minimum reminder period in tests (production keeps Orleans' 1 minute).</summary>
    public static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>This silo's ports; a gateway (Orleans:Role=Client) connects to <see cref="GatewayPort"/>.</summary>
    public int SiloPort { get; } = Ports.Free();

    public int GatewayPort { get; } = settings is not null && settings.TryGetValue("Orleans:GatewayPort", out var configured) && int.TryParse(configured, out var port) ? port : Ports.Free();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:OrleansSync", connectionString);
        builder.UseSetting("Orleans:SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The default run's simulators, their admin endpoints open so tests drive them as a user would (SimulatorAdminTests covers the token).
        builder.UseSetting("Silo:Simulators", "true");
        builder.UseSetting("Simulators:RequireToken", "false");
        foreach (var (key, value) in FastStreams)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = MinimumReminderPeriod);
            services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler, StopSiloOnFatalError>());
            if (useInMemoryServer is not null)
            {
                services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(provider => new InMemoryServerWiring(provider, useInMemoryServer));
            }
        });
    }
}
