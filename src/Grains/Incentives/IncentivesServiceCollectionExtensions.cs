using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Grains.Incentives;

public static class IncentivesServiceCollectionExtensions
{
    /// <summary>Adapters and options the incentives grains need (NOMIS client, mapping, reconciliation schedule).</summary>
    public static IServiceCollection AddIncentives(this IServiceCollection services, IConfiguration configuration) => services;
}
