using System.Globalization;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Datahub;

/// <summary>Handlers of the adapter simulator. Errors are problem details; the contract's "default" response is text/plain, but FIS reads only the status.</summary>
internal static class DatahubEndpoints
{
    public static void MapContract(IEndpointRouteBuilder api, DatahubAdapterSimulator simulator)
    {
        // operationId read_accounting_point
        api.MapGet("/accounting_point/{gsrn}", (string gsrn, HttpRequest request) =>
        {
            if (gsrn.Length != Gsrn.Length || !gsrn.All(char.IsAsciiDigit))
            {
                throw SimulatorException.BadRequest("Invalid gsrn: must match ^[0-9]{18}$.");
            }

            var validFrom = ParseQueryDateTime(request, "valid_from")
                ?? throw SimulatorException.BadRequest("valid_from is required (RFC 3339 date-time).");
            var validTo = ParseQueryDateTime(request, "valid_to");

            if (simulator.PointFailures.StatusFor(gsrn) is { } failure)
            {
                return SimulatorProblems.Problem(failure, "Simulated failure", $"Failure injected for accounting point {gsrn}.", SimulatorProblems.SimulatedFailureType);
            }

            var point = simulator.Store.Find(gsrn)
                ?? throw SimulatorException.NotFound($"Accounting point {gsrn} not found.");
            var filtered = point with
            {
                EndUser = Timeline.Overlapping(point.EndUser, validFrom, validTo),
                EnergySupplier = Timeline.Overlapping(point.EnergySupplier, validFrom, validTo),
                MeteringGridArea = Timeline.Overlapping(point.MeteringGridArea, validFrom, validTo),
                EnergyDirection = point.EnergyDirection is null ? null : Timeline.Overlapping(point.EnergyDirection, validFrom, validTo),
            };
            return Results.Json(filtered, DatahubJson.Options);
        });
    }

    public static void MapAdmin(IEndpointRouteBuilder admin, DatahubAdapterSimulator simulator)
    {
        var store = simulator.Store;

        admin.MapGet("/accounting_points", (HttpRequest request) =>
        {
            var offset = QueryInt(request, "offset", 0);
            var limit = QueryInt(request, "limit", 1000);
            if (offset < 0 || limit is < 1 or > 100_000)
            {
                throw SimulatorException.BadRequest("offset must be >= 0 and limit between 1 and 100000.");
            }

            var all = store.ListGsrns();
            return Results.Json(new GsrnListResponse(all.Count, offset, limit, all.Skip(offset).Take(limit).ToList()), DatahubJson.Options);
        });

        admin.MapGet("/accounting_points/{gsrn}", (string gsrn) =>
            Results.Json(
                store.Find(gsrn) ?? throw SimulatorException.NotFound($"Accounting point {gsrn} not found."),
                DatahubJson.Options));

        admin.MapPut("/accounting_points/{gsrn}", async (string gsrn, HttpRequest request) =>
        {
            var point = await SimulatorJson.ReadBodyAsync<AccountingPointDocument>(request, DatahubJson.Options);
            if (!string.Equals(point.Gsrn, gsrn, StringComparison.Ordinal))
            {
                throw SimulatorException.BadRequest($"gsrn in the body ({point.Gsrn}) differs from the path ({gsrn}).");
            }

            var created = store.Upsert(point);
            return Results.Json(point, DatahubJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        admin.MapDelete("/accounting_points/{gsrn}", (string gsrn) =>
            store.Remove(gsrn) ? Results.NoContent() : throw SimulatorException.NotFound($"Accounting point {gsrn} not found."));

        admin.MapPost("/accounting_points/{gsrn}/timeline", async (string gsrn, HttpRequest request) =>
        {
            var change = await SimulatorJson.ReadBodyAsync<TimelineChangeRequest>(request, DatahubJson.Options);
            return Results.Json(store.ApplyChange(gsrn, change), DatahubJson.Options);
        });

        admin.MapPost("/fixtures/{name}", (string name) => Results.Json(store.RegisterFixture(name), DatahubJson.Options));

        admin.MapPut("/accounting_points/{gsrn}/failure", async (string gsrn, HttpRequest request) =>
        {
            var body = request.ContentLength is > 0
                ? await SimulatorJson.ReadBodyAsync<PointFailureRequest>(request, DatahubJson.Options)
                : new PointFailureRequest(null);
            var status = body.Status ?? StatusCodes.Status503ServiceUnavailable;
            if (status is < 400 or > 599)
            {
                throw SimulatorException.BadRequest("status must be between 400 and 599.");
            }

            simulator.PointFailures.Fail(gsrn, status);
            return Results.NoContent();
        });

        admin.MapDelete("/accounting_points/{gsrn}/failure", (string gsrn) =>
            simulator.PointFailures.Clear(gsrn) ? Results.NoContent() : throw SimulatorException.NotFound($"No failure is injected for {gsrn}."));

        admin.MapGet("/requests", () => Results.Json(simulator.Requests.Snapshot(), DatahubJson.Options));

        admin.MapGet("/requests/{gsrn}", (string gsrn) => Results.Json(simulator.Requests.For(gsrn), DatahubJson.Options));

        admin.MapPost("/requests/reset", () =>
        {
            simulator.Requests.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/reference_data", () =>
            Results.Json(new DatahubReferenceDataResponse(store.EnergySuppliers, store.MeteringGridAreas), DatahubJson.Options));
    }

    private static DateTimeOffset? ParseQueryDateTime(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        // An unencoded '+' in an offset arrives as a space after query decoding; put it back rather than
        // fail a client that forgot to encode it.
        return AdapterDateTimeConverter.TryParse(text.Replace(' ', '+'), out var value)
            ? value
            : throw SimulatorException.BadRequest($"{name} '{text}' is not an RFC 3339 date-time with an offset.");
    }

    private static int QueryInt(HttpRequest request, string name, int fallback)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SimulatorException.BadRequest($"{name} must be an integer.");
    }
}
