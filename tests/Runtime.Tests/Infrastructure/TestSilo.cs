using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Tests.Infrastructure;

/// <summary>A silo hosted in the test process (see <see cref="TestSiloApplication"/>); several make a cluster.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private TestSilo(WebApplication app)
    {
        _app = app;
        Runtime = app.Services.GetRequiredService<SiloRuntime>();
    }

    public SiloRuntime Runtime { get; }

    public IGrainFactory Grains => Runtime.GrainFactory;

    public IServiceProvider Services => _app.Services;

    public Probe Probe => _app.Services.GetRequiredService<Probe>();

    public static async Task<TestSilo> StartAsync(string connectionString, Action<RuntimeOptions>? configure = null, Probe? probe = null)
    {
        var app = TestSiloApplication.Build(connectionString, configure, probe);
        await app.StartAsync();
        return new TestSilo(app);
    }

    /// <summary>Graceful stop: partitions handed back with their turns finished.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    /// <summary>
    /// As close to kill -9 as one process allows: every loop stops and the endpoint goes away,
    /// but nothing is handed back; its leases stay in the database until they expire.
    /// </summary>
    public async Task CrashAsync()
    {
        await Runtime.CrashForTestingAsync();
        await StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
