using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace OrleansSync.Api.Incentives;

/// <summary>Incentive reviews (the DPS side), NOMIS sync, migration and reconciliation endpoints.</summary>
public static class IncentivesApi
{
    public static IHostApplicationBuilder AddIncentivesApi(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapIncentivesApi(this IEndpointRouteBuilder app) => app;
}
