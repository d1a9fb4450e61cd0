using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Incentives;

namespace OrleansSync.Grains.PrisonTransfers;

public static class TransfersServiceCollectionExtensions
{
    /// <summary>
    /// What the transfers grains need: <see cref="TransfersOptions"/> from the "Transfers" section
    /// (validated at start-up; the base URLs default to the simulators the default run co-hosts under
    /// Silo:Address), the prisoner search and POM allocations clients, and metrics. The clients share
    /// the incentives adapters' transport, so a host without sockets (a test server) swaps it once for both.
    /// </summary>
    public static IServiceCollection AddPrisonTransfers(this IServiceCollection services, IConfiguration configuration)
    {
        var silo = (configuration["Silo:Address"] ?? "http://127.0.0.1:5080").TrimEnd('/');
        services.AddOptions<TransfersOptions>()
            .Bind(configuration.GetSection(TransfersOptions.SectionName))
            .PostConfigure(options =>
            {
                options.PrisonerSearch.BaseUrl ??= silo + TransfersOptions.PrisonerSearchSimulatorPath;
                options.PomAllocations.BaseUrl ??= silo + TransfersOptions.PomAllocationsSimulatorPath;
            })
            .Validate(options =>
            {
                options.Validate();
                return true;
            })
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<TransfersMetrics>();
        services.TryAddSingleton<IncentivesHttpTransport>();
        services.AddHttpClient<PrisonerSearchClient>((provider, client) => Configure(client, provider.GetRequiredService<IOptions<TransfersOptions>>().Value.PrisonerSearch))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<IncentivesHttpTransport>().CreatePrimaryHandler());
        services.AddHttpClient<PomAllocationsClient>((provider, client) => Configure(client, provider.GetRequiredService<IOptions<TransfersOptions>>().Value.PomAllocations))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<IncentivesHttpTransport>().CreatePrimaryHandler());
        return services;
    }

    private static void Configure(HttpClient client, TransferServiceOptions options)
    {
        client.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");

        // Each attempt has its own timeout in TransferHttpReader.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }
}
