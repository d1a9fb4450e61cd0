using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;
using static OrleansSync.Api.ReferenceData.OtherPrivileges.OtherPrivilegeProblems;

namespace OrleansSync.Api.ReferenceData.OtherPrivileges;

/// <summary>
/// Other privileges (NOMIS IEP_OTH_PRIV codes) and their assignment to the levels of each prison, in the style of
/// incentives-api's level endpoints (CONTRACTS.md §3.3–3.4; the real service has none: the merged ADR kept them in
/// NOMIS). Reads for readers; writes for incentive-levels-rw (or admin). Every change is pushed to NOMIS by its grain.
/// </summary>
public static class OtherPrivilegesApi
{
    private const string PrisonIdRule = "Must be a prison id: 2 to 6 capital letters or digits.";
    private const string LevelCodeRule = "Must be a level code: 1 to 6 capital letters or digits.";
    private const string CodesRule = "Must be a list of other privilege codes (1 to 12 capital letters, digits or underscores); an empty list removes them all.";

    public static IEndpointRouteBuilder MapOtherPrivilegesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/incentive/other-privileges").WithTags("Incentive reference data");
        api.MapGet("", GetAllAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetOtherPrivileges").WithSummary("The other privileges in order (inactive ones with ?with-inactive=true)");
        api.MapGet("/{code}", GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetOtherPrivilege").WithSummary("One other privilege, active or not").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("", CreateAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("CreateOtherPrivilege").WithSummary("Create an other privilege (at the end of the order unless a sequence is given)")
            .ProducesValidationProblem();
        api.MapPut("/{code}", PutAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("UpdateOtherPrivilege").WithSummary("Replace an other privilege's description, active flag and (when given) sequence")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{code}", PatchAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("PatchOtherPrivilege").WithSummary("Change some of an other privilege's description, active flag and sequence")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{code}", DeactivateAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("DeactivateOtherPrivilege").WithSummary("Deactivate an other privilege (prison levels that have it keep it)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var levels = app.MapGroup("/incentive/prison-levels").WithTags("Incentive reference data");
        levels.MapGet("/{prisonId}/level/{levelCode}/other-privileges", GetOfPrisonLevelAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetPrisonLevelOtherPrivileges").WithSummary("The other privileges of a level in a prison")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        levels.MapPut("/{prisonId}/level/{levelCode}/other-privileges", SetOfPrisonLevelAsync).RequireAuthorization(ApiPolicies.ReferenceDataWrite)
            .WithName("SetPrisonLevelOtherPrivileges").WithSummary("Set the other privileges of a level in a prison; the body lists every code (active privileges, on a level active in the prison)")
            .ProducesValidationProblem();
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<OtherPrivilege>>> GetAllAsync(IGrainFactory grains, [FromQuery(Name = "with-inactive")] bool? withInactive = null) =>
        TypedResults.Ok(await grains.GetGrain<IOtherPrivilegeListGrain>(IOtherPrivilegeListGrain.Key).GetAllAsync(withInactive ?? false));

    internal static async Task<Results<Ok<OtherPrivilege>, ProblemHttpResult>> GetAsync(string code, IGrainFactory grains) =>
        OtherPrivilegeCode.IsValid(code) && await grains.GetGrain<IOtherPrivilegeGrain>(code).GetAsync() is { } privilege
            ? TypedResults.Ok(privilege)
            : PrivilegeNotFound(code);

    internal static async Task<Results<Created<OtherPrivilege>, ValidationProblem, ProblemHttpResult>> CreateAsync(CreateOtherPrivilegeRequest request, IGrainFactory grains)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        var result = await grains.GetGrain<IOtherPrivilegeGrain>(request.Code!).CreateAsync(request.Description!.Trim(), request.Active ?? true, request.Sequence);
        return Answer(result, created => TypedResults.Created($"/incentive/other-privileges/{created.Code}", created));
    }

    internal static async Task<Results<Ok<OtherPrivilege>, ValidationProblem, ProblemHttpResult>> PutAsync(string code, CreateOtherPrivilegeRequest request, IGrainFactory grains)
    {
        if (!OtherPrivilegeCode.IsValid(code))
        {
            return PrivilegeNotFound(code);
        }

        if (request.Validate(code) is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        var update = new OtherPrivilegeUpdate(request.Description!.Trim(), request.Active ?? true, request.Sequence);
        return Answer(await grains.GetGrain<IOtherPrivilegeGrain>(code).UpdateAsync(update), TypedResults.Ok);
    }

    internal static async Task<Results<Ok<OtherPrivilege>, ValidationProblem, ProblemHttpResult>> PatchAsync(string code, UpdateOtherPrivilegeRequest request, IGrainFactory grains)
    {
        if (!OtherPrivilegeCode.IsValid(code))
        {
            return PrivilegeNotFound(code);
        }

        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        return Answer(await grains.GetGrain<IOtherPrivilegeGrain>(code).UpdateAsync(request.ToUpdate()), TypedResults.Ok);
    }

    internal static async Task<Results<Ok<OtherPrivilege>, ValidationProblem, ProblemHttpResult>> DeactivateAsync(string code, IGrainFactory grains) =>
        OtherPrivilegeCode.IsValid(code)
            ? Answer(await grains.GetGrain<IOtherPrivilegeGrain>(code).UpdateAsync(new OtherPrivilegeUpdate(null, false, null)), TypedResults.Ok)
            : PrivilegeNotFound(code);

    internal static async Task<Results<Ok<PrisonLevelOtherPrivileges>, ValidationProblem, ProblemHttpResult>> GetOfPrisonLevelAsync(string prisonId, string levelCode, IGrainFactory grains)
    {
        if (!PrisonLevelKey.IsPrisonId(prisonId))
        {
            return ApiProblems.Invalid("prisonId", PrisonIdRule);
        }

        return PrisonLevelKey.IsLevelCode(levelCode) && await grains.GetGrain<IPrisonLevelOtherPrivilegesGrain>(PrisonLevelKey.Of(prisonId, levelCode)).GetAsync() is { } privileges
            ? TypedResults.Ok(privileges)
            : ReferenceDataProblems.LevelNotFound(levelCode);
    }

    internal static async Task<Results<Ok<PrisonLevelOtherPrivileges>, ValidationProblem, ProblemHttpResult>> SetOfPrisonLevelAsync(
        string prisonId, string levelCode, [FromBody] List<string?>? privilegeCodes, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!PrisonLevelKey.IsPrisonId(prisonId))
        {
            errors["prisonId"] = [PrisonIdRule];
        }

        if (!PrisonLevelKey.IsLevelCode(levelCode))
        {
            errors["levelCode"] = [LevelCodeRule];
        }

        if (privilegeCodes is null || privilegeCodes.Any(c => !OtherPrivilegeCode.IsValid(c)))
        {
            errors["privilegeCodes"] = [CodesRule];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var result = await grains.GetGrain<IPrisonLevelOtherPrivilegesGrain>(PrisonLevelKey.Of(prisonId, levelCode)).SetAsync([.. privilegeCodes!.Select(c => c!)]);
        return Answer(result, TypedResults.Ok);
    }
}
