using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSync.Simulators.Common;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Nomis.ReferenceData;
using OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

namespace OrleansSync.Simulators.Nomis;

/// <summary>Composition of the NOMIS prisoner API simulator into a host (silo, test server, benchmark).</summary>
public static class NomisSimulatorExtensions
{
    public static IServiceCollection AddNomisSimulator(this IServiceCollection services, Action<NomisSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<NomisSimulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A second call only adds configuration: registering the hosted publisher twice would start two
        // delivery loops on one single-reader queue.
        if (services.Any(d => d.ServiceType == typeof(NomisSimulator)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(NomisEventPublisher.HttpClientName);
        services.TryAddSingleton<NomisEventPublisher>();
        // The publisher is also the hosted service that delivers events; one instance for both roles.
        services.AddHostedService(sp => sp.GetRequiredService<NomisEventPublisher>());
        services.TryAddSingleton<NomisSimulator>();
        return services;
    }

    /// <summary>
    /// Maps the nomis-prisoner-api incentive endpoints under <paramref name="prefix"/> (optional bearer token,
    /// latency, failures) and the admin endpoints under <c>{prefix}/admin</c> (no auth, no faults). Point the
    /// hub's NOMIS adapter base URL at <c>{host}{prefix}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapNomisSimulator(this IEndpointRouteBuilder app, string prefix = "/sim/nomis")
    {
        ArgumentNullException.ThrowIfNull(app);
        var simulator = app.ServiceProvider.GetService<NomisSimulator>()
            ?? throw new InvalidOperationException(
                $"Call services.{nameof(AddNomisSimulator)}() before app.{nameof(MapNomisSimulator)}().");

        // Simulator routes are not part of the hub's API description.
        var root = app.MapGroup(prefix).ExcludeFromDescription();

        var api = root.MapGroup(string.Empty)
            .WithSimulatorErrors(hmppsShape: true)
            .WithBearerToken(() => simulator.Options.RequiredBearerToken)
            .WithFaultInjection(simulator.Faults);
        NomisEndpoints.MapContract(api, simulator);
        NomisReferenceDataEndpoints.MapContract(api, simulator.ReferenceData);
        NomisOtherPrivilegesEndpoints.MapContract(api, simulator.OtherPrivileges);

        var admin = root.MapGroup("/admin").WithSimulatorErrors(hmppsShape: false);
        NomisAdminEndpoints.Map(admin, simulator);
        NomisReferenceDataEndpoints.MapAdmin(admin, simulator.ReferenceData);
        NomisOtherPrivilegesEndpoints.MapAdmin(admin, simulator.OtherPrivileges);
        admin.MapFaultAdmin(simulator.Faults);
        return app;
    }
}
