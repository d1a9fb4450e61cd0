using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSync.Simulators.Common;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.Tenure;

/// <summary>Composition of the tenure API simulator into a host (silo, test server).</summary>
public static class TenureSimulatorExtensions
{
    public static IServiceCollection AddTenureSimulator(this IServiceCollection services, Action<TenureSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TenureSimulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(TenureSimulator)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TenureEventPublisher.HttpClientName);
        services.TryAddSingleton<TenureEventPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<TenureEventPublisher>());
        services.TryAddSingleton<TenureSimulator>();
        return services;
    }

    /// <summary>
    /// Maps the tenure API contract under <paramref name="prefix"/> (<c>GET {prefix}/api/v1/tenures/{id}</c>,
    /// optional bearer token, faults) and the admin endpoints under <c>{prefix}/admin</c> (no auth, no faults).
    /// </summary>
    public static IEndpointRouteBuilder MapTenureSimulator(this IEndpointRouteBuilder app, string prefix = "/sim/tenure")
    {
        ArgumentNullException.ThrowIfNull(app);
        var simulator = app.ServiceProvider.GetService<TenureSimulator>()
            ?? throw new InvalidOperationException($"Call services.{nameof(AddTenureSimulator)}() before app.{nameof(MapTenureSimulator)}().");
        var root = app.MapGroup(prefix).ExcludeFromDescription();
        var api = root.MapGroup(string.Empty)
            .WithSimulatorErrors(hmppsShape: false)
            .WithBearerToken(() => simulator.Options.RequiredBearerToken)
            .WithFaultInjection(simulator.Faults);
        TenureEndpoints.MapContract(api, simulator);

        var admin = root.MapGroup("/admin").WithSimulatorErrors(hmppsShape: false);
        TenureEndpoints.MapAdmin(admin, simulator);
        admin.MapFaultAdmin(simulator.Faults);
        return app;
    }
}
