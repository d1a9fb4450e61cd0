using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Incentives;

/// <summary>
/// The one-time migration of NOMIS incentives (prisoner-from-nomis-migration's <c>/migrate/incentives</c>):
/// start a run, follow it and its failures, cancel it. Admin only.
/// </summary>
public static class IncentivesMigrationApi
{
    public const int MaxFailuresPage = 1000;

    public static IEndpointRouteBuilder MapIncentivesMigrationApi(this IEndpointRouteBuilder app)
    {
        // Readers follow the runs; only admins start or stop one.
        var migrate = app.MapGroup("/migrate/incentives").WithTags("Incentives");

        migrate.MapPost("", StartAsync)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("StartIncentivesMigration")
            .WithSummary("Migrate the NOMIS incentives created in the date range (both optional) that are not mapped yet")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        migrate.MapGet("/history", GetHistoryAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentivesMigrationHistory")
            .WithSummary("Migration runs, newest first, optionally started in a range or only those with failures");

        migrate.MapGet("/history/{migrationId}", GetAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentivesMigration")
            .WithSummary("One migration run: status and counts")
            .ProducesProblem(StatusCodes.Status404NotFound);

        migrate.MapGet("/history/{migrationId}/failures", GetFailuresAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentivesMigrationFailures")
            .WithSummary("The NOMIS incentives a run could not migrate, with the reason")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        migrate.MapPost("/{migrationId}/cancel", CancelAsync)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("CancelIncentivesMigration")
            .WithSummary("Stop a run after the step in progress")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    internal static async Task<Results<Accepted<IncentiveMigration>, ValidationProblem, ProblemHttpResult>> StartAsync(MigrationFilter? filter, IGrainFactory grains)
    {
        filter ??= new MigrationFilter(null, null);
        if (filter is { FromDate: { } from, ToDate: { } to } && from > to)
        {
            return ApiProblems.Invalid("toDate", "Must not be before fromDate.");
        }

        var result = await grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain).StartAsync(filter);
        return result.Started
            ? TypedResults.Accepted($"/migrate/incentives/history/{result.Migration.MigrationId}", result.Migration)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A migration is already running",
                detail: $"Migration {result.Migration.MigrationId} is in progress; cancel it or wait for it to finish.",
                extensions: new Dictionary<string, object?> { ["migrationId"] = result.Migration.MigrationId });
    }

    internal static async Task<Ok<IReadOnlyList<IncentiveMigration>>> GetHistoryAsync(
        IGrainFactory grains,
        DateTimeOffset? fromDateTime = null,
        DateTimeOffset? toDateTime = null,
        bool? includeOnlyFailures = null) =>
        TypedResults.Ok(await grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain)
            .GetHistoryAsync(new MigrationHistoryQuery(fromDateTime, toDateTime, includeOnlyFailures ?? false)));

    internal static async Task<Results<Ok<IncentiveMigration>, ProblemHttpResult>> GetAsync(string migrationId, IGrainFactory grains) =>
        await grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain).GetAsync(migrationId) is { } migration
            ? TypedResults.Ok(migration)
            : NotFound(migrationId);

    internal static async Task<Results<Ok<IReadOnlyList<IncentiveMigrationFailure>>, ValidationProblem, ProblemHttpResult>> GetFailuresAsync(
        string migrationId,
        IGrainFactory grains,
        int? offset = null,
        int? limit = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (offset is < 0)
        {
            errors["offset"] = ["Must not be negative."];
        }

        if (limit is < 1 or > MaxFailuresPage)
        {
            errors["limit"] = [$"Must be between 1 and {MaxFailuresPage}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var migrations = grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain);
        if (await migrations.GetAsync(migrationId) is null)
        {
            return NotFound(migrationId);
        }

        return TypedResults.Ok(await migrations.GetFailuresAsync(migrationId, offset ?? 0, limit ?? 100));
    }

    internal static async Task<Results<Accepted<IncentiveMigration>, ProblemHttpResult>> CancelAsync(string migrationId, IGrainFactory grains)
    {
        if (await grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain).GetAsync(migrationId) is null)
        {
            return NotFound(migrationId);
        }

        var migration = await grains.GetGrain<IIncentiveMigrationGrain>(migrationId).CancelAsync();
        return TypedResults.Accepted($"/migrate/incentives/history/{migrationId}", migration!);
    }

    private static ProblemHttpResult NotFound(string migrationId) =>
        ApiProblems.NotFound("No such migration", $"There is no incentives migration '{migrationId}'.");
}
