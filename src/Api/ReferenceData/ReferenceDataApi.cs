using OrleansSync.Api.ReferenceData.Migration;
using OrleansSync.Api.ReferenceData.OtherPrivileges;

namespace OrleansSync.Api.ReferenceData;

/// <summary>The incentive reference data in the gateway: global levels, prison levels and other privileges, mastered here and pushed to NOMIS.</summary>
public static class ReferenceDataApi
{
    public static IEndpointRouteBuilder MapReferenceDataApi(this IEndpointRouteBuilder app)
    {
        app.MapIncentiveLevelsApi();
        app.MapPrisonIncentiveLevelsApi();
        app.MapOtherPrivilegesApi();
        app.MapReferenceDataReconciliationApi();
        app.MapReferenceDataMigrationApi();
        return app;
    }
}
