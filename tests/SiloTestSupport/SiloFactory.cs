using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Testing;

/// <summary>
/// The real silo host (src/Silo Program: runtime, API, simulators) in the test process, on its own
/// test database, through the real HTTP pipeline. Runtime timings are shortened so retries and
/// leases play out in seconds; <paramref name="settings"/> overrides any configuration key.
/// </summary>
public sealed class SiloFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string?> FastRuntime = new Dictionary<string, string?>
    {
        ["Runtime:PartitionCount"] = "8",
        ["Runtime:LeaseDuration"] = "00:00:02",
        ["Runtime:SiloDeadAfter"] = "00:00:03",
        ["Runtime:StreamPollInterval"] = "00:00:00.200",
        ["Runtime:ReminderPollInterval"] = "00:00:00.100",
        ["Runtime:MinimumReminderPeriod"] = "00:00:00.100",
        ["Runtime:StreamRetryBackoff"] = "00:00:00.050",
        ["Runtime:StreamRetryBackoffMax"] = "00:00:00.400",
        ["Runtime:StreamMaxAttempts"] = "3",
    };

    /// <summary>
    /// Stops the silo gracefully while its services are alive: the test server disposes the
    /// application's services before the host's own stop would reach the silo.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await Services.GetRequiredService<OrleansSync.Runtime.SiloRuntime>().StopAsync();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:OrleansSync", connectionString);
        foreach (var (key, value) in FastRuntime)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
