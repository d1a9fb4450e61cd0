using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

/// <summary>
/// NOMIS endpoints for other privileges, inferred (not in the contract) in the style of the IEP_LEVEL reference-code
/// and prison-level ones, and an admin view of the tables.
/// </summary>
internal static class NomisOtherPrivilegesEndpoints
{
    public static void MapContract(IEndpointRouteBuilder api, NomisOtherPrivilegesStore store)
    {
        var json = NomisReferenceJson.Options;

        api.MapGet("/incentives/other-privileges/reference-codes/{code}", (string code) => Results.Json(store.GetCode(code), json));

        api.MapPost("/incentives/other-privileges/reference-codes", async (HttpRequest request) =>
        {
            var (code, created) = store.CreateCode(await SimulatorJson.ReadBodyAsync<CreateOtherPrivilegeRequest>(request, json));
            return Results.Json(code, json, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        api.MapPut("/incentives/other-privileges/reference-codes/{code}", async (string code, HttpRequest request) =>
            Results.Json(store.UpdateCode(code, await SimulatorJson.ReadBodyAsync<UpdateOtherPrivilegeRequest>(request, json)), json));

        api.MapGet("/incentives/prison/{prison}/code/{code}/other-privileges", (string prison, string code) => Results.Json(store.GetPrisonLevel(prison, code), json));

        api.MapPut("/incentives/prison/{prison}/code/{code}/other-privileges", async (string prison, string code, HttpRequest request) =>
            Results.Json(store.SetPrisonLevel(prison, code, await SimulatorJson.ReadBodyAsync<SetOtherPrivilegesRequest>(request, json)), json));
    }

    public static void MapAdmin(IEndpointRouteBuilder admin, NomisOtherPrivilegesStore store)
    {
        admin.MapGet("/reference-data/other-privileges", () => Results.Json(store.Tables(), NomisReferenceJson.Options));
        admin.MapPost("/reference-data/other-privileges/reset", () =>
        {
            store.Reset();
            return Results.NoContent();
        });
    }
}
