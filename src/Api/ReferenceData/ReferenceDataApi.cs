using OrleansSync.Api.ReferenceData.Migration;

namespace OrleansSync.Api.ReferenceData;

/// <summary>The incentive reference data in the gateway: global levels and prison levels, mastered here and pushed to NOMIS.</summary>
public static class ReferenceDataApi
{
    public static IEndpointRouteBuilder MapReferenceDataApi(this IEndpointRouteBuilder app)
    {
        app.MapIncentiveLevelsApi();
        app.MapPrisonIncentiveLevelsApi();
        app.MapReferenceDataReconciliationApi();
        app.MapReferenceDataMigrationApi();
        return app;
    }
}
