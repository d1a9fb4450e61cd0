using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Grains.AccountingPoints;

public static class AccountingPointsServiceCollectionExtensions
{
    /// <summary>Adapters and options the accounting point grains need (datahub adapter client, resync schedule).</summary>
    public static IServiceCollection AddAccountingPoints(this IServiceCollection services, IConfiguration configuration) => services;
}
