using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>Composition of the prisoner search and POM allocations simulators into a host.</summary>
public static class TransfersSimulatorExtensions
{
    public static IServiceCollection AddTransfersSimulators(this IServiceCollection services, Action<TransfersSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TransfersSimulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TransfersEventPoster.HttpClientName);
        services.TryAddSingleton<TransfersEventPoster>();
        services.TryAddSingleton<TransfersSimulator>();
        return services;
    }

    /// <summary>
    /// Maps prisoner search under <paramref name="prisonerSearchPrefix"/> and POM allocations under
    /// <paramref name="pomAllocationsPrefix"/>, each with <c>/admin</c> endpoints (no auth, no faults).
    /// </summary>
    public static IEndpointRouteBuilder MapTransfersSimulators(this IEndpointRouteBuilder app, string prisonerSearchPrefix = "/sim/prisoner-search", string pomAllocationsPrefix = "/sim/pom-allocations")
    {
        ArgumentNullException.ThrowIfNull(app);
        var simulator = app.ServiceProvider.GetService<TransfersSimulator>()
            ?? throw new InvalidOperationException($"Call services.{nameof(AddTransfersSimulators)}() before app.{nameof(MapTransfersSimulators)}().");
        TransfersEndpoints.MapPrisonerSearch(app.MapGroup(prisonerSearchPrefix).ExcludeFromDescription(), simulator);
        TransfersEndpoints.MapPomAllocations(app.MapGroup(pomAllocationsPrefix).ExcludeFromDescription(), simulator);
        return app;
    }
}
