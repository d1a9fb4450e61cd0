using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Grains.Incentives;
using OrleansSync.Runtime;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Silo;

/// <summary>The silo's composition: runtime with every domain's grains and migrations, health, graceful shutdown.</summary>
public static class SiloHosting
{
    /// <summary>Domain modules, each with its own migrations folder (src/Grains/Sql/Migrations/{module}).</summary>
    private static readonly string[] DomainModules = ["incentives", "reference_data", "transfers", "accounting_points", "finance"];

    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        var grains = typeof(OrleansSync.Grains.GrainsAssembly).Assembly;
        builder.Services.AddSyncRuntime(builder.Configuration, runtime =>
        {
            runtime.AddGrains(grains);
            foreach (var module in DomainModules)
            {
                runtime.AddMigrations(module, grains);
            }

            // The API gateway's own tables (skipped events, SNS subscription messages).
            runtime.AddMigrations("gateway", typeof(OrleansSync.Api.SyncApiExtensions).Assembly);
        });

        builder.Services.AddIncentives(builder.Configuration);
        builder.Services.AddAccountingPoints(builder.Configuration);

        // Long enough for in-flight turns to finish and partitions to be handed back.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapClusterEndpoints();
        return app;
    }

    private sealed class SiloReadyCheck(SiloRuntime silo) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(silo.IsRunning
                ? HealthCheckResult.Healthy($"Serving {silo.Owned.Count} of {silo.PartitionCount} partitions.")
                : HealthCheckResult.Unhealthy("The silo is not running."));
    }
}
