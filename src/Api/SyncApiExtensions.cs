using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansSync.Api.AccountingPoints;
using OrleansSync.Api.Incentives;

namespace OrleansSync.Api;

/// <summary>The API gateway's composition: services in <see cref="AddSyncApi"/>, endpoints in <see cref="MapSyncApi"/>.</summary>
public static class SyncApiExtensions
{
    public static IHostApplicationBuilder AddSyncApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.AddIncentivesApi();
        builder.AddAccountingPointsApi();
        return builder;
    }

    public static WebApplication MapSyncApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapIncentivesApi();
        app.MapAccountingPointsApi();
        return app;
    }
}
