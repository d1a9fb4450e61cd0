using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Incentives;

/// <summary>
/// Operating the incentives sync: where a prisoner's reviews stand (mappings, NOMIS writes, conflicts),
/// the repair that re-sends a prisoner's current DPS review to NOMIS, and the reconciliation reports that
/// compare every active prisoner's current level on both sides.
/// </summary>
public static class IncentivesSyncApi
{
    public const int MaxReports = 100;

    public static IEndpointRouteBuilder MapIncentivesSyncApi(this IEndpointRouteBuilder app)
    {
        var incentives = app.MapGroup("/incentives").WithTags("Incentives");

        incentives.MapGet("/prisoner/{prisonerNumber}/sync-status", GetSyncStatusAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentivesSyncStatus")
            .WithSummary("A prisoner's reviews with their NOMIS mapping and what was written to NOMIS (including mapping conflicts)")
            .ProducesValidationProblem();

        incentives.MapPost("/prisoner/{prisonerNumber}/repair", RepairAsync)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("RepairPrisonerIncentive")
            .WithSummary("Re-send the prisoner's current DPS review to NOMIS as a new IEP (no mapping is recorded)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);

        incentives.MapPost("/reconciliation", StartReconciliationAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("StartIncentivesReconciliation")
            .WithSummary("Compare every active prisoner's current NOMIS level with DPS now; follow the report at its Location");

        incentives.MapGet("/reconciliation", ListReconciliationsAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListIncentivesReconciliations")
            .WithSummary("The latest reconciliation reports, newest first, without their mismatches")
            .ProducesValidationProblem();

        incentives.MapGet("/reconciliation/{reportId}", GetReconciliationAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentivesReconciliation")
            .WithSummary("A reconciliation report with its mismatches")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    internal static async Task<Results<Ok<PrisonerSyncStatus>, ValidationProblem>> GetSyncStatusAsync(string prisonerNumber, IGrainFactory grains) =>
        PrisonerNumbers.IsValid(prisonerNumber)
            ? TypedResults.Ok(await grains.GetGrain<IIncentiveReviewReaderGrain>($"prisoner/{prisonerNumber}").GetSyncStatusAsync(prisonerNumber))
            : IncentiveReviewsApi.InvalidPrisonerNumber();

    internal static async Task<Results<Ok<RepairResult>, ValidationProblem, ProblemHttpResult>> RepairAsync(string prisonerNumber, IGrainFactory grains)
    {
        if (!PrisonerNumbers.IsValid(prisonerNumber))
        {
            return IncentiveReviewsApi.InvalidPrisonerNumber();
        }

        var result = await grains.GetGrain<IIncentivePrisonerGrain>(prisonerNumber).RepairAsync();
        return result switch
        {
            { Repaired: true } => TypedResults.Ok(result),
            { IncentiveId: null } => ApiProblems.NotFound("No current incentive review", result.Detail ?? $"Prisoner {prisonerNumber} has no current incentive review."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "NOMIS did not take the review", detail: result.Detail),
        };
    }

    internal static async Task<Accepted<IncentiveReconciliationReport>> StartReconciliationAsync(IGrainFactory grains)
    {
        var report = await grains.GetGrain<IIncentiveReconciliationsGrain>(IncentiveGrainKeys.Domain).StartAsync(IncentiveReconciliationReport.OnDemand);
        return TypedResults.Accepted($"/incentives/reconciliation/{report.Id}", report);
    }

    internal static async Task<Results<Ok<IReadOnlyList<IncentiveReconciliationReport>>, ValidationProblem>> ListReconciliationsAsync(IGrainFactory grains, int? limit = null)
    {
        if (limit is < 1 or > MaxReports)
        {
            return ApiProblems.Invalid("limit", $"Must be between 1 and {MaxReports}.");
        }

        return TypedResults.Ok(await grains.GetGrain<IIncentiveReconciliationsGrain>(IncentiveGrainKeys.Domain).ListAsync(limit ?? 20));
    }

    internal static async Task<Results<Ok<IncentiveReconciliationReport>, ProblemHttpResult>> GetReconciliationAsync(string reportId, IGrainFactory grains) =>
        await grains.GetGrain<IIncentiveReconciliationsGrain>(IncentiveGrainKeys.Domain).GetAsync(reportId) is { } report
            ? TypedResults.Ok(report)
            : ApiProblems.NotFound("No such reconciliation report", $"There is no reconciliation report '{reportId}'.");
}
