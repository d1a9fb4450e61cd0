using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSync.Simulators.Common;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.Datahub;

/// <summary>Composition of the accounting point adapter simulator into a host (silo, test server, benchmark).</summary>
public static class DatahubAdapterSimulatorExtensions
{
    public static IServiceCollection AddDatahubAdapterSimulator(
        this IServiceCollection services,
        Action<DatahubAdapterSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DatahubAdapterSimulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatahubAdapterSimulator>();
        return services;
    }

    /// <summary>
    /// Maps the contract endpoint <c>GET {prefix}/accounting_point/{gsrn}</c> (bearer key, rate limit, latency,
    /// failures) and the admin endpoints under <c>{prefix}/admin</c> (no auth, no faults). Point the hub's
    /// adapter base URL at <c>{host}{prefix}</c>. Generates the points now, not on the first request, so a
    /// benchmark does not time the generation.
    /// </summary>
    public static IEndpointRouteBuilder MapDatahubAdapterSimulator(this IEndpointRouteBuilder app, string prefix = "/sim/datahub")
    {
        ArgumentNullException.ThrowIfNull(app);
        var simulator = app.ServiceProvider.GetService<DatahubAdapterSimulator>()
            ?? throw new InvalidOperationException(
                $"Call services.{nameof(AddDatahubAdapterSimulator)}() before app.{nameof(MapDatahubAdapterSimulator)}().");

        // Simulator routes are not part of the hub's API description.
        var root = app.MapGroup(prefix).ExcludeFromDescription();

        var api = root.MapGroup(string.Empty)
            .WithSimulatorErrors(hmppsShape: false)
            .WithRequestLog(simulator.Requests)
            .WithBearerToken(() => simulator.Options.ApiKey)
            .WithFaultInjection(simulator.Faults);
        DatahubEndpoints.MapContract(api, simulator);

        var admin = root.MapGroup("/admin").WithSimulatorErrors(hmppsShape: false);
        DatahubEndpoints.MapAdmin(admin, simulator);
        admin.MapFaultAdmin(simulator.Faults);
        return app;
    }

    /// <summary>Outermost on the contract group, so a request counts as in flight through injected latency too.</summary>
    private static TBuilder WithRequestLog<TBuilder>(this TBuilder builder, AccountingPointRequestLog log)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var gsrn = context.HttpContext.Request.RouteValues["gsrn"] as string ?? string.Empty;
            using (log.Begin(gsrn))
            {
                return await next(context);
            }
        });
        return builder;
    }
}
