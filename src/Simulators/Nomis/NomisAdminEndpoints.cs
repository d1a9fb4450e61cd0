using System.Globalization;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// Test-facing endpoints: seed what NOMIS holds, act as a NOMIS user (which raises offender events), and read
/// state back for assertions. Not part of any real contract; camelCase like NOMIS.
/// </summary>
internal static class NomisAdminEndpoints
{
    /// <summary>How long <c>?waitForDelivery=true</c> waits for the event to reach a final state.</summary>
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder admin, NomisSimulator simulator)
    {
        var store = simulator.Store;

        admin.MapPost("/prisoners", async (HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<SeedPrisonerRequest>(request, NomisJson.Options);
            var created = store.SeedPrisoner(body);
            return Results.Json(store.GetPrisoner(body.PrisonerNumber), NomisJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        admin.MapPost("/prisoners/bulk", async (HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<BulkSeedRequest>(request, NomisJson.Options);
            return Results.Json(store.BulkSeed(body), NomisJson.Options, statusCode: StatusCodes.Status201Created);
        });

        admin.MapGet("/prisoners/{prisonerNumber}", (string prisonerNumber) =>
            Results.Json(store.GetPrisoner(prisonerNumber), NomisJson.Options));

        admin.MapPost("/prisoners/{prisonerNumber}/iep", async (string prisonerNumber, HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<RecordIepRequest>(request, NomisJson.Options);
            var (incentive, emitted) = store.RecordIep(prisonerNumber, body);
            return Results.Json(await ResponseAsync(incentive, emitted, request), NomisJson.Options, statusCode: StatusCodes.Status201Created);
        });

        admin.MapPut("/prisoners/{prisonerNumber}/iep/{sequence}", async (string prisonerNumber, string sequence, HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<UpdateIepRequest>(request, NomisJson.Options);
            var (incentive, emitted) = store.UpdateIep(prisonerNumber, NomisEndpoints.PathLong(sequence, "sequence"), QueryLong(request, "bookingId"), body);
            return Results.Json(await ResponseAsync(incentive, emitted, request), NomisJson.Options);
        });

        admin.MapDelete("/prisoners/{prisonerNumber}/iep/{sequence}", async (string prisonerNumber, string sequence, HttpRequest request) =>
        {
            var auditModule = request.Query["auditModuleName"].ToString();
            var (incentive, emitted) = store.DeleteIep(
                prisonerNumber,
                NomisEndpoints.PathLong(sequence, "sequence"),
                QueryLong(request, "bookingId"),
                auditModule.Length == 0 ? null : auditModule);
            return Results.Json(await ResponseAsync(incentive, emitted, request), NomisJson.Options);
        });

        admin.MapGet("/events", (HttpRequest request) =>
        {
            var offenderNo = request.Query["offenderNo"].ToString();
            return Results.Json(simulator.Events.Events(offenderNo.Length == 0 ? null : offenderNo), NomisJson.Options);
        });

        admin.MapPost("/reset", () =>
        {
            store.Reset();
            simulator.Events.ClearHistory();
            return Results.NoContent();
        });
    }

    /// <summary>With <c>?waitForDelivery=true</c> the response waits until the hub has the event (or it failed).</summary>
    private static async Task<IepWriteResponse> ResponseAsync(NomisIncentive incentive, EventRecord emitted, HttpRequest request)
    {
        if (bool.TryParse(request.Query["waitForDelivery"].ToString(), out var wait) && wait)
        {
            try
            {
                await emitted.Completion.WaitAsync(DeliveryWait, request.HttpContext.RequestAborted);
            }
            catch (TimeoutException)
            {
                // Answer with the state as it is ("pending"); the caller can poll the events endpoint.
            }
        }

        return new IepWriteResponse(incentive.BookingId, incentive.Sequence, emitted.ToView());
    }

    private static long? QueryLong(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SimulatorException.BadRequest($"{name} must be a number, got '{text}'.");
    }
}
