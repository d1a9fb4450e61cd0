using OrleansSync.Api.Ingestion;

namespace OrleansSync.Api.Incentives;

/// <summary>
/// The incentives domain in the gateway: the NOMIS offender-events and HMPPS domain-events sources, and
/// the review, sync, reconciliation and migration endpoints.
/// </summary>
public static class IncentivesApi
{
    public static IHostApplicationBuilder AddIncentivesApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEventSource(IncentiveEventSources.OffenderEvents);
        builder.Services.AddEventSource(IncentiveEventSources.DomainEvents);
        return builder;
    }

    public static IEndpointRouteBuilder MapIncentivesApi(this IEndpointRouteBuilder app)
    {
        app.MapIncentiveReviewsApi();
        app.MapIncentivesSyncApi();
        app.MapIncentivesMigrationApi();
        return app;
    }
}
