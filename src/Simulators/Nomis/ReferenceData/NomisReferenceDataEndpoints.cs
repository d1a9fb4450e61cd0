using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>nomis-prisoner-api's incentive reference-data endpoints (IncentivesResource, CONTRACTS.md §4), and an admin view of the tables.</summary>
internal static class NomisReferenceDataEndpoints
{
    public static void MapContract(IEndpointRouteBuilder api, NomisReferenceDataStore store)
    {
        var json = NomisReferenceJson.Options;

        api.MapGet("/incentives/reference-codes/{code}", (string code) => Results.Json(store.GetCode(code), json));

        api.MapPost("/incentives/reference-codes", async (HttpRequest request) =>
        {
            var (code, created) = store.CreateCode(await SimulatorJson.ReadBodyAsync<CreateReferenceCodeRequest>(request, json));
            return Results.Json(code, json, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        api.MapPut("/incentives/reference-codes/{code}", async (string code, HttpRequest request) =>
            Results.Json(store.UpdateCode(code, await SimulatorJson.ReadBodyAsync<UpdateReferenceCodeRequest>(request, json)), json));

        api.MapPost("/incentives/reference-codes/reorder", async (HttpRequest request) =>
        {
            store.Reorder(await SimulatorJson.ReadBodyAsync<ReorderReferenceCodesRequest>(request, json));
            return Results.Ok();
        });

        api.MapDelete("/incentives/reference-codes/{code}", (string code) =>
        {
            store.DeleteCode(code);
            return Results.NoContent();
        });

        api.MapGet("/incentives/prison/{prison}/code/{code}", (string prison, string code) => Results.Json(store.GetPrisonLevel(prison, code), json));

        api.MapPost("/incentives/prison/{prison}", async (string prison, HttpRequest request) =>
            Results.Json(store.UpsertPrisonLevel(prison, await SimulatorJson.ReadBodyAsync<PrisonIncentiveLevelRequest>(request, json)), json, statusCode: StatusCodes.Status201Created));

        api.MapPut("/incentives/prison/{prison}/code/{code}", async (string prison, string code, HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<PrisonIncentiveLevelRequest>(request, json);
            return Results.Json(store.UpsertPrisonLevel(prison, body with { LevelCode = code }), json);
        });

        api.MapDelete("/incentives/prison/{prison}/code/{code}", (string prison, string code) =>
        {
            store.DeletePrisonLevel(prison, code);
            return Results.NoContent();
        });
    }

    public static void MapAdmin(IEndpointRouteBuilder admin, NomisReferenceDataStore store)
    {
        admin.MapGet("/reference-data", () => Results.Json(store.Tables(), NomisReferenceJson.Options));
        admin.MapPost("/reference-data/reset", () =>
        {
            store.Reset();
            return Results.NoContent();
        });
    }
}
