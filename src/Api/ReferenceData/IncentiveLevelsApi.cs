using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Api.ReferenceData;

/// <summary>
/// The global incentive levels in incentives-api's shape (IncentiveLevelResource, CONTRACTS.md §3.3). Reads for
/// readers; writes for incentive-levels-rw (or admin). Every change is pushed to NOMIS by the level's grain.
/// </summary>
public static class IncentiveLevelsApi
{
    public static IEndpointRouteBuilder MapIncentiveLevelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/incentive").WithTags("Incentive reference data");

        api.MapGet("/levels", GetAllAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentiveLevels").WithSummary("The incentive levels in order (inactive ones with ?with-inactive=true)");
        api.MapGet("/levels/{code}", GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentiveLevel").WithSummary("One incentive level, active or not").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/levels", CreateAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("CreateIncentiveLevel").WithSummary("Create a level at the end of the order (a required one is activated in every prison with active levels)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPut("/levels/{code}", PutAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("UpdateIncentiveLevel").WithSummary("Replace a level's name and flags")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/levels/{code}", PatchAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("PatchIncentiveLevel").WithSummary("Change some of a level's name and flags")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/levels/{code}", DeactivateAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("DeactivateIncentiveLevel").WithSummary("Deactivate a level (refused while it is required or active in a prison)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/level-order", ReorderAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("ReorderIncentiveLevels").WithSummary("Set the order of the levels; the body names every level code")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<IncentiveLevel>>> GetAllAsync(IGrainFactory grains, [FromQuery(Name = "with-inactive")] bool? withInactive = null) =>
        TypedResults.Ok(await grains.GetGrain<IIncentiveLevelListGrain>(IIncentiveLevelListGrain.Key).GetAllAsync(withInactive ?? false));

    internal static async Task<Results<Ok<IncentiveLevel>, ProblemHttpResult>> GetAsync(string code, IGrainFactory grains) =>
        PrisonLevelKey.IsLevelCode(code) && await grains.GetGrain<IIncentiveLevelGrain>(code).GetAsync() is { } level
            ? TypedResults.Ok(level)
            : ReferenceDataProblems.LevelNotFound(code);

    internal static async Task<Results<Created<IncentiveLevel>, ValidationProblem, ProblemHttpResult>> CreateAsync(CreateIncentiveLevelRequest request, IGrainFactory grains)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        var level = request.ToLevel();
        var result = await grains.GetGrain<IIncentiveLevelGrain>(level.Code).CreateAsync(level);
        return result.Error is { } error ? ReferenceDataProblems.From(error) : TypedResults.Created($"/incentive/levels/{level.Code}", result.Value);
    }

    internal static async Task<Results<Ok<IncentiveLevel>, ValidationProblem, ProblemHttpResult>> PutAsync(string code, CreateIncentiveLevelRequest request, IGrainFactory grains)
    {
        if (!PrisonLevelKey.IsLevelCode(code))
        {
            return ReferenceDataProblems.LevelNotFound(code);
        }

        if (request.Validate(code) is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        var level = request.ToLevel(code);
        return Answer(await grains.GetGrain<IIncentiveLevelGrain>(code).UpdateAsync(new IncentiveLevelUpdate(level.Name, level.Active, level.Required)));
    }

    internal static async Task<Results<Ok<IncentiveLevel>, ValidationProblem, ProblemHttpResult>> PatchAsync(string code, UpdateIncentiveLevelRequest request, IGrainFactory grains)
    {
        if (!PrisonLevelKey.IsLevelCode(code))
        {
            return ReferenceDataProblems.LevelNotFound(code);
        }

        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        return Answer(await grains.GetGrain<IIncentiveLevelGrain>(code).UpdateAsync(request.ToUpdate()));
    }

    internal static async Task<Results<Ok<IncentiveLevel>, ValidationProblem, ProblemHttpResult>> DeactivateAsync(string code, IGrainFactory grains) =>
        PrisonLevelKey.IsLevelCode(code)
            ? Answer(await grains.GetGrain<IIncentiveLevelGrain>(code).UpdateAsync(new IncentiveLevelUpdate(null, false, null)))
            : ReferenceDataProblems.LevelNotFound(code);

    internal static async Task<Results<Ok<IReadOnlyList<IncentiveLevel>>, ValidationProblem, ProblemHttpResult>> ReorderAsync([FromBody] List<string?>? codes, IGrainFactory grains)
    {
        if (codes is null || codes.Count == 0 || codes.Any(c => !PrisonLevelKey.IsLevelCode(c)))
        {
            return ApiProblems.Invalid("body", "Must be a list of level codes, naming every level once.");
        }

        var result = await grains.GetGrain<IIncentiveLevelListGrain>(IIncentiveLevelListGrain.Key).ReorderAsync([.. codes.Select(c => c!)]);
        return result.Error is { } error ? ReferenceDataProblems.From(error) : TypedResults.Ok(result.Value!);
    }

    private static Results<Ok<IncentiveLevel>, ValidationProblem, ProblemHttpResult> Answer(ReferenceDataResult<IncentiveLevel> result) =>
        result.Error is { } error ? ReferenceDataProblems.From(error) : TypedResults.Ok(result.Value!);
}
