using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using OrleansSync.Api.Dashboard.Statistics;
using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Grains.Finance;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.PrisonTransfers;
using OrleansSync.Grains.ReferenceData;
using OrleansSync.Postgres;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Providers;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Silo;

/// <summary>
/// The host's composition on Orleans: the cluster's database, migrations before anything else, then
/// a silo with every domain's grains (or, with Orleans:Role=Client, a client hosting no grains),
/// the PostgreSQL streams, health and graceful shutdown.
/// </summary>
public static class SiloHosting
{
    /// <summary>The cluster's connection string (ConnectionStrings:OrleansSync).</summary>
    public const string ConnectionStringName = "OrleansSync";

    private static readonly System.Reflection.Assembly[] GrainAssemblies = [typeof(OrleansSync.Grains.GrainsAssembly).Assembly];

    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = OrleansHostOptions.From(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");
        builder.Services.AddPostgresDataSources(connectionString);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddMetricsExport();

        if (options.Role == OrleansRole.Client)
        {
            builder.Services.AddPostgresStreamProducer(configuration, GrainAssemblies);
            builder.UseOrleansClient(client =>
            {
                client.AddOrleansClient(connectionString);
                client.AddDashboard();
            });
            builder.Services.AddHealthChecks().AddCheck<ClientReadyCheck>("client", tags: ["ready"]);
            return builder;
        }

        builder.UseOrleans(silo =>
        {
            silo.AddOrleansSilo(options, connectionString);
            silo.AddPostgresMigrations(SchemaModules.All);
            silo.AddPostgresStreams(configuration, GrainAssemblies);
            silo.Services.AddEntityGrains();
            silo.AddDashboard();

            // Per-method call counts for our dashboard's grains and overview pages.
            silo.Services.AddSingleton<GrainCallRecorder>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(services => services.GetRequiredService<GrainCallRecorder>());
        });

        builder.Services.AddIncentives(configuration);
        builder.Services.AddIncentiveReferenceData();
        builder.Services.AddAccountingPoints(configuration);
        builder.Services.AddPrisonTransfers(configuration);
        builder.Services.AddFinance(configuration);

        // Long enough for in-flight turns to finish and the queues to be handed over.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapMetricsEndpoint();
        return app;
    }

    private sealed class SiloReadyCheck(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy($"Silo {oracle.SiloAddress} is active.")
                : HealthCheckResult.Unhealthy($"The silo is {oracle.CurrentStatus}."));
    }

    /// <summary>A client is ready once the host has started, which is after it connected to a gateway.</summary>
    private sealed class ClientReadyCheck(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested
                ? HealthCheckResult.Healthy("Connected to the cluster.")
                : HealthCheckResult.Unhealthy("Not connected to the cluster yet."));
    }
}
