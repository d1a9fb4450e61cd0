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

    public string Address { get; private init; } = "";

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a silo with the bench grains; <paramref name="extend"/> adds more (a domain's grains,
    /// services and settings), <paramref name="map"/> more endpoints (a simulator).
    /// </summary>
    public static async Task<BenchSilo> StartAsync(
        string connectionString,
        Action<RuntimeOptions>? configure = null,
        Action<WebApplicationBuilder, RuntimeBuilder>? extend = null,
        Action<WebApplication>? map = null)
    {
        var address = $"http://127.0.0.1:{OrleansSync.Runtime.Tests.TestGrains.TestSiloApplication.FreePort()}";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(address);
        builder.Configuration["Runtime:SiloAddress"] = address;
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSyncRuntime(builder.Configuration, runtime =>
        {
            runtime.AddGrains(typeof(BenchSilo).Assembly).AddMigrations("bench", typeof(BenchSilo).Assembly);
            extend?.Invoke(builder, runtime);
        }, options =>
        {
            options.SiloAddress = address;
            options.ClusterSecret = "bench";
            configure?.Invoke(options);
        });
        var app = builder.Build();
        app.MapClusterEndpoints();
        map?.Invoke(app);
        await app.StartAsync();
        return new BenchSilo(app) { Address = address };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
