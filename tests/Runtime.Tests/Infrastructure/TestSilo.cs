using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.TestGrains;

namespace OrleansSync.Runtime.Tests.Infrastructure;

/// <summary>
/// A silo hosted in the test process, with this assembly's test grains, on a test database.
/// Timings are shortened so that leases, retries and reminders play out in seconds.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host)
    {
        _host = host;
        Runtime = host.Services.GetRequiredService<SiloRuntime>();
    }

    public SiloRuntime Runtime { get; }

    public IGrainFactory Grains => Runtime.GrainFactory;

    public IServiceProvider Services => _host.Services;

    public Probe Probe => _host.Services.GetRequiredService<Probe>();

    public static async Task<TestSilo> StartAsync(string connectionString, Action<RuntimeOptions>? configure = null, Probe? probe = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:OrleansSync"] = connectionString });
        builder.Services.AddSingleton(probe ?? new Probe());
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSyncRuntime(builder.Configuration, runtime => runtime.AddGrains(typeof(TestSilo).Assembly).AddMigrations("runtime_tests", typeof(TestSilo).Assembly), options =>
        {
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
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
