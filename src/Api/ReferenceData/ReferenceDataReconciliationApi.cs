using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Api.ReferenceData;

/// <summary>Reconciliation of the incentive reference data, hub against NOMIS: run on demand (admin, optionally repairing), read the last report.</summary>
public static class ReferenceDataReconciliationApi
{
    public const string Path = "/incentive/reference-data/reconciliation";

    public static IEndpointRouteBuilder MapReferenceDataReconciliationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Incentive reference data");
        api.MapGet("", GetLastAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetReferenceDataReconciliation").WithSummary("Reference data against NOMIS: the last reconciliation report, scheduled or on demand")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("", RunAsync).RequireAuthorization(ApiPolicies.Admin)
            .WithName("RunReferenceDataReconciliation").WithSummary("Compare the reference data with NOMIS now; ?repair=true pushes every mismatch again");
        return app;
    }

    internal static async Task<Results<Ok<ReferenceDataReconciliationReport>, ProblemHttpResult>> GetLastAsync(IGrainFactory grains) =>
        await grains.GetGrain<IReferenceDataReconciliationGrain>(IReferenceDataReconciliationGrain.Key).GetLastAsync() is { } report
            ? TypedResults.Ok(report)
            : ApiProblems.NotFound("No reconciliation report", "No reference-data reconciliation has run yet (scheduled by ReferenceData:Reconciliation:Schedule); POST to run one.");

    internal static async Task<Ok<ReferenceDataReconciliationReport>> RunAsync(IGrainFactory grains, [FromQuery] bool? repair = null) =>
        TypedResults.Ok(await grains.GetGrain<IReferenceDataReconciliationGrain>(IReferenceDataReconciliationGrain.Key).RunAsync(repair ?? false));
}
