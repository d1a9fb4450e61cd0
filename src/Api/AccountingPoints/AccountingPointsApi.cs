using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace OrleansSync.Api.AccountingPoints;

/// <summary>Accounting point lookup, ad hoc sync, history and sync status endpoints.</summary>
public static class AccountingPointsApi
{
    public static IHostApplicationBuilder AddAccountingPointsApi(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapAccountingPointsApi(this IEndpointRouteBuilder app) => app;
}
