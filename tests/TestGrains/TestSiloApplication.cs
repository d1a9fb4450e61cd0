using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Tests.TestGrains;

/// <summary>
/// A silo with the test grains, served by Kestrel on a loopback port so that silos can call each
/// other for real: used in-process by the runtime tests and as a process by tests/TestSiloHost.
/// Timings are shortened so leases, retries and reminders play out in seconds.
/// </summary>
public static class TestSiloApplication
{
    public const string ClusterSecret = "test-cluster-secret";

    public static WebApplication Build(string connectionString, Action<RuntimeOptions>? configure = null, Probe? probe = null, int? port = null)
    {
        var address = $"http://127.0.0.1:{port ?? FreePort()}";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(address);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(probe ?? new Probe());
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSyncRuntime(builder.Configuration, runtime => runtime.AddGrains(typeof(TestGrainsAssembly).Assembly).AddMigrations(TestGrainsAssembly.MigrationModule, typeof(TestGrainsAssembly).Assembly), options =>
        {
            options.SiloAddress = address;
            options.ClusterSecret = ClusterSecret;
            options.PartitionCount = 8;
            options.LeaseDuration = TimeSpan.FromSeconds(2);
            options.SiloDeadAfter = TimeSpan.FromSeconds(3);
            options.StreamPollInterval = TimeSpan.FromMilliseconds(200);
            options.ReminderPollInterval = TimeSpan.FromMilliseconds(100);
            options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100);
            options.StreamRetryBackoff = TimeSpan.FromMilliseconds(50);
            options.StreamRetryBackoffMax = TimeSpan.FromMilliseconds(400);
            options.CallTimeout = TimeSpan.FromSeconds(15);
            configure?.Invoke(options);
        });
        var app = builder.Build();
        app.MapClusterEndpoints();
        return app;
    }

    /// <summary>A port free right now; the tiny race with another process taking it is acceptable in tests.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
