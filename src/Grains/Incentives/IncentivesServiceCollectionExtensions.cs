using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Incentives.Nomis;

namespace OrleansSync.Grains.Incentives;

public static class IncentivesServiceCollectionExtensions
{
    /// <summary>
    /// What the incentives grains need: <see cref="IncentivesOptions"/> from the "Incentives" section
    /// (validated at start-up; the NOMIS base URL defaults to the simulator the default run co-hosts,
    /// <c>{Silo:Address}/sim/nomis</c>), the NOMIS typed client over <see cref="IncentivesHttpTransport"/>,
    /// metrics, and the start-up task that registers the scheduled reconciliation.
    /// </summary>
    public static IServiceCollection AddIncentives(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IncentivesOptions>()
            .Bind(configuration.GetSection(IncentivesOptions.SectionName))
            .PostConfigure(options => options.Nomis.BaseUrl ??= (configuration["Silo:Address"] ?? "http://127.0.0.1:5080").TrimEnd('/') + NomisApiOptions.SimulatorPath)
            .Validate(options =>
            {
                options.Validate();
                return true;
            })
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IncentivesMetrics>();
        services.TryAddSingleton<IncentivesHttpTransport>();
        services.TryAddSingleton<NomisResilience>();
        services.AddHttpClient<NomisPrisonerApiClient>((provider, client) =>
            {
                client.BaseAddress = new Uri(provider.GetRequiredService<IOptions<IncentivesOptions>>().Value.Nomis.BaseUrl!.TrimEnd('/') + "/");

                // Each attempt has its own timeout in NomisResilience.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<IncentivesHttpTransport>().CreatePrimaryHandler())
            .AddHttpMessageHandler(provider => new NomisRequestMetricsHandler(provider.GetRequiredService<IncentivesMetrics>()));
        services.AddHostedService<IncentivesStartup>();
        return services;
    }
}
