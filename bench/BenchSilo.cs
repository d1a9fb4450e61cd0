using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Bench;

/// <summary>A silo with the benchmark grains and production default timings, on a loopback port.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchSilo(WebApplication app)
    {
        _app = app;
        Runtime = app.Services.GetRequiredService<SiloRuntime>();
    }

    public SiloRuntime Runtime { get; }

    public static async Task<BenchSilo> StartAsync(string connectionString, Action<RuntimeOptions>? configure = null)
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(address);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSyncRuntime(builder.Configuration, runtime => runtime.AddGrains(typeof(BenchSilo).Assembly).AddMigrations("bench", typeof(BenchSilo).Assembly), options =>
        {
            options.SiloAddress = address;
            options.ClusterSecret = "bench";
            configure?.Invoke(options);
        });
        var app = builder.Build();
        app.MapClusterEndpoints();
        await app.StartAsync();
        return new BenchSilo(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
