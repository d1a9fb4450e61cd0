using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OrleansSync.Api.Security;

namespace OrleansSync.Silo;

/// <summary>
/// OpenTelemetry metrics exported in the Prometheus text format at Metrics:Path ("/metrics"): Orleans'
/// own meter ("Microsoft.Orleans": grain calls, activations, messaging, streams), every OrleansSync
/// meter ("OrleansSync.*": ingestion, syncs per domain, stream deliveries and backlog, adapter
/// requests), and .NET's HTTP client and server meters (every outbound call, to NOMIS, the datahub
/// adapter and webhooks, with its status or error type).
/// </summary>
public static class MetricsHosting
{
    public static WebApplicationBuilder AddMetricsExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        builder.Services.AddHostedService<StreamBacklogMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddMeter("Microsoft.Orleans", "OrleansSync.*", "System.Net.Http", "Microsoft.AspNetCore.Hosting")
                .AddPrometheusExporter();

            // Meters are matched by name across the process, so a second host in it (a test server)
            // would have its DI-made meters exported here too, and they would count towards this
            // provider's metric stream limit: only this host's IMeterFactory's meters, and static ones.
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, provider) =>
            {
                var own = services.GetRequiredService<IMeterFactory>();
                provider.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own)
                    ? MetricStreamConfiguration.Drop
                    : null);
            });
        });
        return builder;
    }

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var endpoint = app.MapPrometheusScrapingEndpoint(options.Path);
        if (options.RequireToken)
        {
            endpoint.RequireAuthorization(ApiPolicies.Read);
        }
        else
        {
            endpoint.AllowAnonymous();
        }

        return app;
    }
}
