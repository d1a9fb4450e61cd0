using OrleansSync.Api.Dashboard.Statistics;
using Microsoft.AspNetCore.Builder;
using Orleans.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OrleansSync.Api.AccountingPoints;
using OrleansSync.Api.Dashboard;
using OrleansSync.Api.Finance;
using OrleansSync.Api.DeadLetters;
using OrleansSync.Api.Http;
using OrleansSync.Api.Incentives;
using OrleansSync.Api.Ingestion;
using OrleansSync.Api.OpenApi;
using OrleansSync.Api.PrisonTransfers;
using OrleansSync.Api.ReferenceData;
using OrleansSync.Api.Security;
using OrleansSync.Api.Security.SignIn;

namespace OrleansSync.Api;

/// <summary>
/// The API gateway's composition: services in <see cref="AddSyncApi"/>, middleware and endpoints in
/// <see cref="MapSyncApi"/>. It needs from the host only what any Orleans client has with the stream
/// producer (IGrainFactory, IStreamProducer, IDeadLetters, StreamStatistics, the NpgsqlDataSource), so it runs co-hosted in a
/// silo or in a process of its own; health endpoints are the host's.
/// </summary>
public static class SyncApiExtensions
{
    /// <summary>Where the Orleans Dashboard is served, for operators.</summary>
    public const string OrleansDashboardPath = "/dashboard/orleans";

    public static IHostApplicationBuilder AddSyncApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        // Binding failures (a route value that is not a number, a body that is not the JSON expected)
        // throw, so ApiExceptionHandler can answer with a problem that names the parameter.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new StorableStringConverter());

            // A number is a JSON number: not also a string of digits, so the OpenAPI document types it "integer", not "integer or string".
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddApiSecurity();
        services.AddApiDocumentation();

        services.TryAddSingleton<EventSourceRegistry>();
        services.TryAddSingleton<IngestionStore>();
        services.TryAddSingleton<IngestionMetrics>();
        services.TryAddSingleton<IClusterStatistics, OrleansClusterStatistics>();
        services.AddHostedService<SkippedEventCleaner>();

        builder.AddIncentivesApi();
        builder.AddAccountingPointsApi();
        builder.AddFinanceApi();
        return builder;
    }

    public static WebApplication MapSyncApi(this WebApplication app)
    {
        // Order matters: errors and empty error statuses (401, 403, 404, 405) become problem details
        // whatever raised them, so these two wrap everything below; authentication runs before the
        // size limit, so an anonymous caller is refused without its body being read.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapApiDocumentation();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseMiddleware<ContentTypeCheckMiddleware>();
        app.UseMiddleware<QueryTextMiddleware>();

        app.MapIngestionApi();
        app.MapDeadLettersApi();
        app.MapIncentivesApi();
        app.MapReferenceDataApi();
        app.MapAccountingPointsApi();
        app.MapCas2ApplicationsApi();
        app.MapFinanceApi();
        app.MapDashboardApi();

        // Orleans' own dashboard (grains, silos, reminders, log stream): it has no authentication of its
        // own, and it is a page rather than part of the API document. A browser reaches it by signing
        // in at /sign-in, which sets a cookie the bearer handler reads for this path only.
        app.MapSignIn();
        app.MapOrleansDashboard(OrleansDashboardPath).RequireAuthorization(ApiPolicies.Write).ExcludeFromDescription()
            .AddEndpointFilter<OrleansDashboardSiloFilter>();
        return app;
    }
}
