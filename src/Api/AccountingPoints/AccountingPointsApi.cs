using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using OrleansSync.Api.Ingestion;
using OrleansSync.Api.Security;
using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.AccountingPoints;

/// <summary>Accounting point lookup, ad hoc sync, history and sync status endpoints; the controllable unit registry.</summary>
public static class AccountingPointsApi
{
    public const string Tag = "Accounting points";

    public static IHostApplicationBuilder AddAccountingPointsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEventSource(DatahubEventSource.Create());
        return builder;
    }

    public static IEndpointRouteBuilder MapAccountingPointsApi(this IEndpointRouteBuilder app)
    {
        // Literal segments outrank parameters in routing, so /accounting-points/sync-status is never taken for a GSRN.
        var points = app.MapGroup("/accounting-points").WithTags(Tag);
        points.MapGet("/sync-status", GetSyncStatusAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetAccountingPointSyncStatus")
            .WithSummary("Sync status summary")
            .WithDescription("Points by sync state, the oldest sync, dead syncs (started, never finished) and points that keep failing.");
        points.MapGet("/{gsrn}", GetAccountingPointAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetAccountingPoint")
            .WithSummary("Get an accounting point")
            .WithDescription("Current data and sync status. A point the system does not hold is fetched from the datahub first; 404 only when the datahub has no such point.");
        points.MapGet("/{gsrn}/history", GetHistoryAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetAccountingPointHistory")
            .WithSummary("Get an accounting point's history")
            .WithDescription("Every recorded insert, update and delete of the point's rows, oldest first.");
        points.MapPost("/{gsrn}/sync", SyncAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("SyncAccountingPoint")
            .WithSummary("Sync an accounting point now")
            .WithDescription("Fetches the point from the datahub adapter and mirrors it; 200 with the result. With ?wait=false the sync is scheduled and 202 is returned at once.");

        var units = app.MapGroup("/controllable-units").WithTags(Tag);
        units.MapPost("/", RegisterControllableUnitAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("RegisterControllableUnit")
            .WithSummary("Register or update a controllable unit")
            .WithDescription("Its accounting point becomes tracked (resynced in the background) and, if the system never fetched it, is fetched at once.");
        units.MapGet("/{id}", GetControllableUnitAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetControllableUnit")
            .WithSummary("Get a controllable unit");
        return app;
    }

    public static async Task<Ok<AccountingPointSyncSummary>> GetSyncStatusAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IAccountingPointSyncMonitorGrain>(IAccountingPointSyncMonitorGrain.Key).GetSummaryAsync());

    public static async Task<Results<Ok<AccountingPointDetails>, ValidationProblem, ProblemHttpResult>> GetAccountingPointAsync(string gsrn, IGrainFactory grains)
    {
        if (Gsrn.Validate(gsrn) is { } error)
        {
            return InvalidGsrn(error);
        }

        var lookup = await grains.GetGrain<IAccountingPointGrain>(gsrn).LookupAsync();
        return lookup.Point is { } point ? TypedResults.Ok(point) : SyncProblem(lookup.Fetch!);
    }

    public static async Task<Results<Ok<AccountingPointHistory>, ValidationProblem, ProblemHttpResult>> GetHistoryAsync(string gsrn, IGrainFactory grains)
    {
        if (Gsrn.Validate(gsrn) is { } error)
        {
            return InvalidGsrn(error);
        }

        return await grains.GetGrain<IAccountingPointGrain>(gsrn).GetHistoryAsync() is { } history
            ? TypedResults.Ok(history)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Accounting point not held",
                detail: $"The system holds no data for accounting point {gsrn}; GET /accounting-points/{gsrn} fetches it.");
    }

    public static async Task<Results<Ok<AccountingPointSyncResult>, Accepted<SyncAccepted>, ValidationProblem, ProblemHttpResult>> SyncAsync(
        string gsrn, bool? wait, IGrainFactory grains)
    {
        if (Gsrn.Validate(gsrn) is { } error)
        {
            return InvalidGsrn(error);
        }

        var grain = grains.GetGrain<IAccountingPointGrain>(gsrn);
        if (wait == false)
        {
            var due = await grain.RequestSyncAsync(SyncTrigger.Manual);
            return TypedResults.Accepted($"/accounting-points/{gsrn}", new SyncAccepted(gsrn, due));
        }

        var result = await grain.SyncAsync(SyncTrigger.Manual);
        return result.Outcome == SyncOutcome.Synced ? TypedResults.Ok(result) : SyncProblem(result);
    }

    public static async Task<Results<Created<ControllableUnitRegistrationResult>, Ok<ControllableUnitRegistrationResult>, ValidationProblem, ProblemHttpResult>> RegisterControllableUnitAsync(
        RegisterControllableUnitRequest request, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var id = Guid.NewGuid();
        if (request.Id is not null && !Guid.TryParse(request.Id, out id))
        {
            errors["id"] = ["id must be a GUID"];
        }

        if (Gsrn.Validate(request.Gsrn) is { } gsrnError)
        {
            errors["gsrn"] = [gsrnError];
        }

        DateOnly startDate = default;
        if (string.IsNullOrWhiteSpace(request.StartDate))
        {
            errors["startDate"] = ["startDate is required"];
        }
        else if (!DateOnly.TryParseExact(request.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out startDate))
        {
            errors["startDate"] = ["startDate must be a date, yyyy-MM-dd"];
        }

        var status = ControllableUnitStatus.Active;
        if (request.Status is not null && !ControllableUnitStatuses.TryParse(request.Status, out status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", ControllableUnitStatuses.Names)}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await grains.GetGrain<IControllableUnitGrain>(id.ToString("D"))
            .RegisterAsync(new ControllableUnitRegistration(request.Gsrn!, startDate, status));
        return result.Outcome switch
        {
            ControllableUnitRegistrationOutcome.Created => TypedResults.Created($"/controllable-units/{id:D}", result),
            ControllableUnitRegistrationOutcome.Updated or ControllableUnitRegistrationOutcome.Unchanged => TypedResults.Ok(result),
            ControllableUnitRegistrationOutcome.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Controllable unit belongs to another accounting point",
                detail: result.Error),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["gsrn"] = [result.Error ?? "invalid"] }),
        };
    }

    public static async Task<Results<Ok<ControllableUnit>, ValidationProblem, ProblemHttpResult>> GetControllableUnitAsync(string id, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var unitId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id must be a GUID"] });
        }

        return await grains.GetGrain<IControllableUnitGrain>(unitId.ToString("D")).GetAsync() is { } unit
            ? TypedResults.Ok(unit)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Controllable unit not found", detail: $"No controllable unit {unitId:D} is registered.");
    }

    private static ValidationProblem InvalidGsrn(string error) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["gsrn"] = [error] },
            title: "Invalid GSRN");

    /// <summary>A sync that did not succeed, as a problem: 404 (the datahub has no such point), 502 (adapter failed or data rejected), 503 (no adapter capacity now).</summary>
    private static ProblemHttpResult SyncProblem(AccountingPointSyncResult result)
    {
        var (status, title) = result.Outcome switch
        {
            SyncOutcome.NotFound => (StatusCodes.Status404NotFound, "Accounting point not found"),
            SyncOutcome.Deferred => (StatusCodes.Status503ServiceUnavailable, "Datahub adapter busy"),
            _ => (StatusCodes.Status502BadGateway, "Accounting point sync failed"),
        };
        var detail = result.Outcome == SyncOutcome.NotFound
            ? $"The datahub has no accounting point {result.Gsrn}."
            : result.Error;
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["sync"] = result });
    }
}
