using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Api.ReferenceData;

/// <summary>
/// The levels of each prison in incentives-api's shape (PrisonIncentiveLevelResource, CONTRACTS.md §3.4): spend
/// limits in pence, visit orders (VO) and privileged visit orders (PVO), default on admission. Reads for readers;
/// writes for incentive-levels-rw (or admin). Every changed prison level is pushed to NOMIS by its grain.
/// </summary>
public static class PrisonIncentiveLevelsApi
{
    private const string PrisonIdRule = "Must be a prison id: 2 to 6 capital letters or digits.";

    public static IEndpointRouteBuilder MapPrisonIncentiveLevelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/incentive/prison-levels").WithTags("Incentive reference data");

        api.MapGet("/{prisonId}", GetAllAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetPrisonIncentiveLevels").WithSummary("A prison's levels in order (every level with ?with-inactive=true)").ProducesValidationProblem();
        api.MapGet("/{prisonId}/level/{levelCode}", GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetPrisonIncentiveLevel").WithSummary("One level of a prison, active or not")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{prisonId}/level/{levelCode}", PutAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("UpdatePrisonIncentiveLevel").WithSummary("Replace a prison level's flags, spend limits and visit allowances")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{prisonId}/level/{levelCode}", PatchAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("PatchPrisonIncentiveLevel").WithSummary("Change some of a prison level's flags, spend limits and visit allowances")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{prisonId}/level/{levelCode}", DeactivateAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("DeactivatePrisonIncentiveLevel").WithSummary("Deactivate a level in a prison")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{prisonId}/reset", ResetAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("ResetPrisonIncentiveLevels").WithSummary("Activate every required level in the prison and make Standard the default").ProducesValidationProblem();
        api.MapDelete("/{prisonId}", DeactivateAllAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("DeactivateAllPrisonIncentiveLevels").WithSummary("Deactivate every level of the prison (refused while prisoners are on any)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<PrisonIncentiveLevel>>, ValidationProblem>> GetAllAsync(
        string prisonId, IGrainFactory grains, [FromQuery(Name = "with-inactive")] bool? withInactive = null) =>
        PrisonLevelKey.IsPrisonId(prisonId)
            ? TypedResults.Ok(await grains.GetGrain<IPrisonIncentiveLevelsGrain>(prisonId).GetAllAsync(withInactive ?? false))
            : ApiProblems.Invalid("prisonId", PrisonIdRule);

    internal static async Task<Results<Ok<PrisonIncentiveLevel>, ValidationProblem, ProblemHttpResult>> GetAsync(string prisonId, string levelCode, IGrainFactory grains)
    {
        if (!PrisonLevelKey.IsPrisonId(prisonId))
        {
            return ApiProblems.Invalid("prisonId", PrisonIdRule);
        }

        return PrisonLevelKey.IsLevelCode(levelCode) && await grains.GetGrain<IPrisonIncentiveLevelGrain>(PrisonLevelKey.Of(prisonId, levelCode)).GetAsync() is { } level
            ? TypedResults.Ok(level)
            : ReferenceDataProblems.LevelNotFound(levelCode);
    }

    internal static Task<Results<Ok<PrisonIncentiveLevel>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string prisonId, string levelCode, PrisonIncentiveLevelRequest request, IGrainFactory grains) =>
        UpdateAsync(prisonId, levelCode, request, complete: true, grains);

    internal static Task<Results<Ok<PrisonIncentiveLevel>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string prisonId, string levelCode, PrisonIncentiveLevelRequest request, IGrainFactory grains) =>
        UpdateAsync(prisonId, levelCode, request, complete: false, grains);

    internal static Task<Results<Ok<PrisonIncentiveLevel>, ValidationProblem, ProblemHttpResult>> DeactivateAsync(string prisonId, string levelCode, IGrainFactory grains) =>
        UpdateAsync(prisonId, levelCode, new PrisonIncentiveLevelRequest(null, null, null, false, null, null, null, null, null, null, null), complete: false, grains);

    internal static async Task<Results<Ok<IReadOnlyList<PrisonIncentiveLevel>>, ValidationProblem, ProblemHttpResult>> ResetAsync(string prisonId, IGrainFactory grains)
    {
        if (!PrisonLevelKey.IsPrisonId(prisonId))
        {
            return ApiProblems.Invalid("prisonId", PrisonIdRule);
        }

        var result = await grains.GetGrain<IPrisonIncentiveLevelsGrain>(prisonId).ResetAsync();
        return result.Error is { } error ? ReferenceDataProblems.From(error) : TypedResults.Ok(result.Value!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<PrisonIncentiveLevel>>, ValidationProblem, ProblemHttpResult>> DeactivateAllAsync(string prisonId, IGrainFactory grains)
    {
        if (!PrisonLevelKey.IsPrisonId(prisonId))
        {
            return ApiProblems.Invalid("prisonId", PrisonIdRule);
        }

        var result = await grains.GetGrain<IPrisonIncentiveLevelsGrain>(prisonId).DeactivateAllAsync();
        return result.Error is { } error ? ReferenceDataProblems.From(error) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<PrisonIncentiveLevel>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string prisonId, string levelCode, PrisonIncentiveLevelRequest request, bool complete, IGrainFactory grains)
    {
        var errors = request.Validate(prisonId, levelCode, complete);
        if (!PrisonLevelKey.IsPrisonId(prisonId))
        {
            errors["prisonId"] = [PrisonIdRule];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        if (!PrisonLevelKey.IsLevelCode(levelCode))
        {
            return ReferenceDataProblems.LevelNotFound(levelCode);
        }

        var result = await grains.GetGrain<IPrisonIncentiveLevelGrain>(PrisonLevelKey.Of(prisonId, levelCode)).UpdateAsync(request.ToUpdate());
        return result.Error is { } error ? ReferenceDataProblems.From(error) : TypedResults.Ok(result.Value!);
    }
}
