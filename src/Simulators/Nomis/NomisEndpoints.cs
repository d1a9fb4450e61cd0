using System.Globalization;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// The nomis-prisoner-api incentive endpoints (IncentivesResource) the hub uses. Path parameters are parsed
/// here rather than by route constraints so a non-numeric id is a 400 with a problem body, as in Spring,
/// instead of a bodiless 404.
/// </summary>
internal static class NomisEndpoints
{
    public static void MapContract(IEndpointRouteBuilder api, NomisSimulator simulator)
    {
        var store = simulator.Store;

        api.MapPost("/prisoners/{prisonNumber}/incentives", async (string prisonNumber, HttpRequest request) =>
        {
            var body = await SimulatorJson.ReadBodyAsync<CreateIncentiveRequest>(request, NomisJson.Options);
            return Results.Json(store.CreateIncentive(prisonNumber, body), NomisJson.Options, statusCode: StatusCodes.Status201Created);
        });

        // PrisonersResource: the latest booking of a prisoner, and the active prisoners (reconciliation paging).
        api.MapGet("/prisoners/ids/active", (HttpRequest request) =>
        {
            var page = QueryInt(request, "page") is { } p and >= 0 ? p : 0;
            var size = QueryInt(request, "size") is { } s and >= 1 ? Math.Min(s, 2000) : 20;
            return Results.Json(store.GetActivePrisonerIds(page, size), NomisJson.Options);
        });

        api.MapGet("/prisoners/{offenderNo}", (string offenderNo) =>
            Results.Json(store.GetPrisonerDetails(offenderNo), NomisJson.Options));

        // Migration id paging. Spring's pageable resolver falls back to defaults for unusable page/size values
        // and caps size at 2000; dates that do not parse are a 400.
        api.MapGet("/incentives/ids", (HttpRequest request) =>
        {
            var page = QueryInt(request, "page") is { } p and >= 0 ? p : 0;
            var size = QueryInt(request, "size") is { } s and >= 1 ? Math.Min(s, 2000) : 20;
            var latestOnly = bool.TryParse(request.Query["latestOnly"].ToString(), out var latest) && latest;
            var ids = store.GetIncentiveIds(QueryDate(request, "fromDate"), QueryDate(request, "toDate"), latestOnly, page, size);
            return Results.Json(ids, NomisJson.Options);
        });

        api.MapGet("/incentives/booking-id/{bookingId}/incentive-sequence/{incentiveSequence}", (string bookingId, string incentiveSequence) =>
            Results.Json(store.GetIncentive(PathLong(bookingId, "bookingId"), PathLong(incentiveSequence, "incentiveSequence")), NomisJson.Options));

        api.MapGet("/incentives/booking-id/{bookingId}/current", (string bookingId) =>
            Results.Json(store.GetCurrentIncentive(PathLong(bookingId, "bookingId")), NomisJson.Options));
    }

    internal static long PathLong(string text, string name) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SimulatorException.BadRequest($"{name} must be a number, got '{text}'.");

    private static int? QueryInt(HttpRequest request, string name) =>
        int.TryParse(request.Query[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? QueryDate(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw SimulatorException.BadRequest($"{name} must be an ISO date (yyyy-MM-dd), got '{text}'.");
    }
}
