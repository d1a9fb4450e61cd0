using System.Text.Json;
using OrleansSync.Simulators.Common;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>
/// The contract endpoints (prisoner search <c>GET /prisoner/{nomsNumber}</c>, POM allocations
/// <c>GET /allocation/{nomsNumber}/primary_pom</c>, both with fault injection) and the admin endpoints that
/// change what they answer and raise the domain event a real change would.
/// </summary>
internal static class TransfersEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapPrisonerSearch(RouteGroupBuilder root, TransfersSimulator simulator)
    {
        root.MapGroup(string.Empty).WithSimulatorErrors(hmppsShape: true).WithFaultInjection(simulator.PrisonerSearchFaults)
            .MapGet("/prisoner/{nomsNumber}", (string nomsNumber) => simulator.GetPrisoner(nomsNumber) is { } prisoner
                ? Results.Json(prisoner, Json)
                : SimulatorProblems.Hmpps(StatusCodes.Status404NotFound, "Not found", $"Prisoner {nomsNumber} not found"));

        var admin = root.MapGroup("/admin").WithSimulatorErrors(hmppsShape: false);
        admin.MapPost("/prisoners", async (HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<SeedSearchPrisonerRequest>(request, Json);
            return Results.Json(simulator.Seed(body.NomsNumber, body.PrisonId, body.PrisonName), Json, statusCode: StatusCodes.Status201Created);
        });
        admin.MapPost("/prisoners/{nomsNumber}/move", async (string nomsNumber, HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<MovePrisonerRequest>(request, Json);
            return Emitted(await simulator.MoveAsync(nomsNumber, body, request.HttpContext.RequestAborted));
        });
        admin.MapPost("/merge", async (HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<MergePrisonersRequest>(request, Json);
            return Emitted(await simulator.MergeAsync(body, request.HttpContext.RequestAborted));
        });
        admin.MapGet("/events", (string? nomsNumber) => Results.Json(simulator.Events.Events(nomsNumber), Json));
        admin.MapPost("/reset", () =>
        {
            simulator.Reset();
            return Results.NoContent();
        });
        admin.MapFaultAdmin(simulator.PrisonerSearchFaults);
    }

    public static void MapPomAllocations(RouteGroupBuilder root, TransfersSimulator simulator)
    {
        root.MapGroup(string.Empty).WithSimulatorErrors(hmppsShape: true).WithFaultInjection(simulator.PomAllocationsFaults)
            .MapGet("/allocation/{nomsNumber}/primary_pom", (string nomsNumber) => simulator.GetAllocation(nomsNumber) is { } allocation
                ? Results.Json(allocation, Json)
                : SimulatorProblems.Hmpps(StatusCodes.Status404NotFound, "Not found", $"No POM allocated to {nomsNumber}"));

        var admin = root.MapGroup("/admin").WithSimulatorErrors(hmppsShape: false);
        admin.MapPost("/allocations/{nomsNumber}", async (string nomsNumber, HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<AllocatePomRequest>(request, Json);
            return Emitted(await simulator.AllocateAsync(nomsNumber, body, request.HttpContext.RequestAborted));
        });
        admin.MapGet("/events", (string? nomsNumber) => Results.Json(simulator.Events.Events(nomsNumber), Json));
        admin.MapFaultAdmin(simulator.PomAllocationsFaults);
    }

    /// <summary>201 once the hub has the event; 502 when it could not be delivered (the change stands).</summary>
    private static IResult Emitted(TransfersSimulatorEvent emitted) =>
        Results.Json(emitted, Json, statusCode: emitted.Status == TransfersSimulatorEvent.Failed ? StatusCodes.Status502BadGateway : StatusCodes.Status201Created);
}
