using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Tenure;

/// <summary>The tenure API's read contract and the simulator's admin endpoints (a housing officer's writes in Manage My Home).</summary>
internal static class TenureEndpoints
{
    public static void MapContract(IEndpointRouteBuilder api, TenureSimulator simulator)
    {
        api.MapGet("/api/v1/tenures/{id}", (string id, HttpRequest request) =>
        {
            var tenureId = ParseId(id);
            var correlationId = request.Headers["X-Correlation-Id"].ToString();
            var tenure = simulator.Store.Get(tenureId);
            simulator.Requests.Record(tenureId, correlationId.Length == 0 ? null : correlationId, tenure is null ? 404 : 200);
            return tenure is null
                ? throw SimulatorException.NotFound($"Tenure with id {tenureId} not found.")
                : Results.Json(tenure, TenureJson.Options);
        });
    }

    public static void MapAdmin(IEndpointRouteBuilder admin, TenureSimulator simulator)
    {
        admin.MapPost("/tenures", async (HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<TenureInformation>(request, TenureJson.Options);
            var tenure = simulator.Store.Create(body);
            return Results.Json(tenure, TenureJson.Options, statusCode: StatusCodes.Status201Created);
        });
        admin.MapPatch("/tenures/{id}", async (string id, HttpRequest request) =>
        {
            var update = await SimulatorJson.ReadBodyAsync<TenureUpdateRequest>(request, TenureJson.Options);
            return Results.Json(simulator.Store.Update(ParseId(id), update), TenureJson.Options);
        });
        admin.MapPost("/tenures/{id}/household-members", async (string id, HttpRequest request) =>
        {
            var member = await SimulatorJson.ReadBodyAsync<HouseholdMember>(request, TenureJson.Options);
            return Results.Json(simulator.Store.AddMember(ParseId(id), member), TenureJson.Options);
        });
        admin.MapDelete("/tenures/{id}/household-members/{personId}", (string id, string personId) =>
            Results.Json(simulator.Store.RemoveMember(ParseId(id), ParseId(personId)), TenureJson.Options));
        admin.MapGet("/events", () => Results.Json(
            simulator.Events.Published.Select(p => new { p.Event.Id, p.Event.EventType, p.Event.EntityId, p.Status }), TenureJson.Options));
        admin.MapGet("/requests", () => Results.Json(simulator.Requests.Requests, TenureJson.Options));
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw SimulatorException.BadRequest($"'{id}' is not a GUID.");
}
