using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData.Migration;

namespace OrleansSync.Api.ReferenceData.Migration;

/// <summary>
/// The one-time migration of the incentive reference data from NOMIS: start a run (admin), follow runs and read a run's
/// report (readers): counts migrated / unchanged / skipped / failed for the levels and per prison, every row not migrated with its reason.
/// </summary>
public static class ReferenceDataMigrationApi
{
    public const string Path = "/incentive/reference-data/migration";

    private const int ListLimit = 20;

    public static IEndpointRouteBuilder MapReferenceDataMigrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Incentive reference data");
        api.MapPost("", StartAsync).RequireAuthorization(ApiPolicies.Admin)
            .WithName("StartReferenceDataMigration").WithSummary("Migrate levels and prison levels from NOMIS: the prisons named (and configured), the hub's level codes and any named")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("", ListAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetReferenceDataMigrations").WithSummary("Reference-data migration runs from NOMIS, newest first, with their counts");
        api.MapGet("/{migrationId}", GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetReferenceDataMigration").WithSummary("One reference-data migration run: status, counts per prison, rows skipped or failed and why")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Results<Accepted<ReferenceDataMigrationReport>, ValidationProblem, ProblemHttpResult>> StartAsync(
        StartReferenceDataMigrationRequest? request, IGrainFactory grains)
    {
        request ??= new StartReferenceDataMigrationRequest(null, null, null);
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiProblems.Invalid(errors);
        }

        var result = await grains.GetGrain<IReferenceDataMigrationsGrain>(IReferenceDataMigrationsGrain.Key)
            .StartAsync(new ReferenceDataMigrationRequest([.. (request.PrisonIds ?? []).Select(p => p!)], [.. (request.LevelCodes ?? []).Select(c => c!)],
                [.. (request.PrivilegeCodes ?? []).Select(c => c!)]));
        if (result.Migration is null)
        {
            return ApiProblems.Invalid("prisonIds", "Name at least one prison: NOMIS cannot list them, and ReferenceData:Migration:PrisonIds configures none.");
        }

        return result.Started
            ? TypedResults.Accepted($"{Path}/{result.Migration.MigrationId}", result.Migration)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A reference-data migration is already running",
                detail: $"Migration {result.Migration.MigrationId} is in progress; wait for it to finish.",
                extensions: new Dictionary<string, object?> { ["migrationId"] = result.Migration.MigrationId });
    }

    internal static async Task<Ok<IReadOnlyList<ReferenceDataMigrationReport>>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IReferenceDataMigrationsGrain>(IReferenceDataMigrationsGrain.Key).ListAsync(ListLimit));

    internal static async Task<Results<Ok<ReferenceDataMigrationReport>, ProblemHttpResult>> GetAsync(string migrationId, IGrainFactory grains) =>
        await grains.GetGrain<IReferenceDataMigrationsGrain>(IReferenceDataMigrationsGrain.Key).GetAsync(migrationId) is { } report
            ? TypedResults.Ok(report)
            : ApiProblems.NotFound("No such migration", $"There is no reference-data migration '{migrationId}'.");
}
