using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSync.Postgres;
using OrleansSync.Postgres.Migrations;
using OrleansSync.Testing;

namespace OrleansSync.Bench;

/// <summary>
/// An Orleans silo with the benchmark grains and production default settings, on loopback ports,
/// its schema (bench tables, streams, fences and whatever <c>extend</c> adds) migrated before it starts.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchSilo(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory GrainFactory => _app.Services.GetRequiredService<IGrainFactory>();

    public IStreamProducer StreamProducer => _app.Services.GetRequiredService<IStreamProducer>();

    /// <summary>
    /// Starts a silo with the bench grains; <paramref name="extend"/> adds services, settings and
    /// migrations (a domain's), <paramref name="map"/> endpoints (a simulator).
    /// </summary>
    public static async Task<BenchSilo> StartAsync(
        string connectionString,
        Action<WebApplicationBuilder, List<MigrationSource>>? extend = null,
        Action<WebApplication>? map = null)
    {
        var address = $"http://127.0.0.1:{Ports.Free()}";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(address);
        builder.Configuration["Silo:Address"] = address;
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddPostgresDataSources(connectionString);
        List<MigrationSource> migrations = [PostgresStreams.Schema, EntityGrains.Schema, new("bench", typeof(BenchSilo).Assembly)];
        extend?.Invoke(builder, migrations);
        await using (var migrating = PostgresDataSource.Create(connectionString))
        {
            await SchemaMigrator.MigrateAsync(migrating, migrations, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }

        IConfiguration configuration = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(Ports.Free(), Ports.Free());
            silo.AddMemoryGrainStorageAsDefault();
            silo.UseInMemoryReminderService();
            silo.AddPostgresStreams(configuration, [typeof(BenchSilo).Assembly, typeof(OrleansSync.Grains.GrainsAssembly).Assembly]);
            silo.Services.AddEntityGrains();
        });
        var app = builder.Build();
        map?.Invoke(app);
        await app.StartAsync();
        return new BenchSilo(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
