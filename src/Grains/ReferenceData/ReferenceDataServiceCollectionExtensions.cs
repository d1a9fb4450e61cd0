using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.ReferenceData.Migration;
using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData;

public static class ReferenceDataServiceCollectionExtensions
{
    /// <summary>
    /// What the reference-data grains need beyond <see cref="IncentivesServiceCollectionExtensions.AddIncentives"/> (call that
    /// first): the NOMIS reference-data client, on the same NOMIS, transport and resilience as the incentives client.
    /// </summary>
    public static IServiceCollection AddIncentiveReferenceData(this IServiceCollection services)
    {
        services.AddHttpClient<NomisReferenceDataClient>((provider, client) =>
            {
                client.BaseAddress = new Uri(provider.GetRequiredService<IOptions<IncentivesOptions>>().Value.Nomis.BaseUrl!.TrimEnd('/') + "/");

                // Each attempt has its own timeout in NomisResilience.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<IncentivesHttpTransport>().CreatePrimaryHandler());
        services.AddReferenceDataJobs();
        return services;
    }
}
