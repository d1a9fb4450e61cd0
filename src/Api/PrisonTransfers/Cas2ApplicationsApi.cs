using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.PrisonTransfers;

namespace OrleansSync.Api.PrisonTransfers;

/// <summary>
/// CAS2 applications in the shape of hmpps-approved-premises-api: create and submit one, list a user's or
/// a caseload's by <c>assignmentType</c> (newest first, paginated, pagination headers as CAS2 sends
/// them), read one with its timeline, and the transfers sync's status for the dashboard.
/// </summary>
public static class Cas2ApplicationsApi
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    internal const string NomsNumberRule = "Must be a NOMS number: a capital letter, four digits and two capital letters, e.g. A1234AA.";
    internal const string PrisonCodeRule = "Must be a prison code of 2 to 6 capital letters or digits, e.g. LEI.";

    public static IEndpointRouteBuilder MapCas2ApplicationsApi(this IEndpointRouteBuilder app)
    {
        var applications = app.MapGroup("/cas2/applications").WithTags("Prison transfers");

        applications.MapGet(string.Empty, ListAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListCas2Applications")
            .WithSummary("CAS2 applications of a user (ALLOCATED, DEALLOCATED, IN_PROGRESS) or a caseload (PRISON, UNALLOCATED), newest first")
            .ProducesValidationProblem();

        applications.MapGet("/{id:guid}", GetAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetCas2Application")
            .WithSummary("One CAS2 application with its assignments and timeline (prison transfers, new POMs)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        applications.MapPost(string.Empty, CreateAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("CreateCas2Application")
            .WithSummary("Create a CAS2 application (IN_PROGRESS); the same id again returns it")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        applications.MapPost("/{id:guid}/submit", SubmitAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("SubmitCas2Application")
            .WithSummary("Submit a CAS2 application: from now on it follows the prisoner between prisons and POMs")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/cas2/transfers/status", GetStatusAsync)
            .WithTags("Prison transfers")
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetTransfersStatus")
            .WithSummary("Transfers sync: moves and POM changes applied, merges, pending lookups, failing events");

        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<Cas2ApplicationSummary>>, ValidationProblem>> ListAsync(
        HttpResponse response,
        IGrainFactory grains,
        [FromQuery] string assignmentType,
        [FromQuery] string? userId = null,
        [FromQuery] string? prisonCode = null,
        [FromQuery] int? page = null,
        [FromQuery] int? size = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!AssignmentTypes.All.Contains(assignmentType))
        {
            errors["assignmentType"] = [$"Must be one of {string.Join(", ", AssignmentTypes.All)}."];
        }
        else if (AssignmentTypes.NeedsUser(assignmentType) && string.IsNullOrWhiteSpace(userId))
        {
            errors["userId"] = [$"Is required with assignmentType {assignmentType}: the applications are the user's."];
        }
        else if (!AssignmentTypes.NeedsUser(assignmentType) && (prisonCode is null || !CreateCas2ApplicationRequest.PrisonCode().IsMatch(prisonCode)))
        {
            errors["prisonCode"] = [$"Is required with assignmentType {assignmentType} (the user's caseload). {PrisonCodeRule}"];
        }

        if (page is < 1)
        {
            errors["page"] = ["Must be at least 1."];
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors["size"] = [$"Must be between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        // Keyed by the user or caseload read, so reads spread over activations rather than queue behind one per filter.
        var result = await grains.GetGrain<ICas2ApplicationReaderGrain>($"list/{assignmentType}/{(AssignmentTypes.NeedsUser(assignmentType) ? userId!.Trim() : prisonCode)}")
            .ListAsync(new Cas2ApplicationQuery(assignmentType, userId?.Trim(), prisonCode, page ?? 1, size ?? DefaultPageSize));
        response.Headers["X-Pagination-CurrentPage"] = result.Page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Pagination-TotalPages"] = result.TotalPages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Pagination-TotalResults"] = result.TotalResults.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Pagination-PageSize"] = result.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(result.Items);
    }

    internal static async Task<Results<Ok<Cas2ApplicationView>, ProblemHttpResult>> GetAsync(Guid id, IGrainFactory grains) =>
        await grains.GetGrain<ICas2ApplicationReaderGrain>($"application/{id}").GetAsync(id) is { } application
            ? TypedResults.Ok(Cas2ApplicationView.Of(application))
            : NoSuchApplication(id);

    internal static async Task<Results<Created<Cas2ApplicationView>, Ok<Cas2ApplicationView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateCas2ApplicationRequest request,
        IGrainFactory grains)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var application = request.ToApplication();
        var result = await grains.GetGrain<ITransferPrisonerGrain>(request.NomsNumber!).CreateApplicationAsync(application);
        return result.Status switch
        {
            Cas2CommandStatus.Done => TypedResults.Created($"/cas2/applications/{application.Id}", Cas2ApplicationView.Of(result.Application!)),
            Cas2CommandStatus.AlreadyDone => TypedResults.Ok(Cas2ApplicationView.Of(result.Application!)),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Application id in use", detail: result.Detail),
        };
    }

    internal static async Task<Results<Ok<Cas2ApplicationView>, ProblemHttpResult>> SubmitAsync(Guid id, IGrainFactory grains)
    {
        // The application's prisoner owns its writes; a merge can change the prisoner between the read and
        // the submit, so a miss reads once more.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await grains.GetGrain<ICas2ApplicationReaderGrain>($"application/{id}").GetAsync(id) is not { } application)
            {
                return NoSuchApplication(id);
            }

            var result = await grains.GetGrain<ITransferPrisonerGrain>(application.Summary.NomsNumber).SubmitApplicationAsync(id);
            if (result.Status is Cas2CommandStatus.Done or Cas2CommandStatus.AlreadyDone)
            {
                return TypedResults.Ok(Cas2ApplicationView.Of(result.Application!));
            }
        }

        return NoSuchApplication(id);
    }

    internal static async Task<Ok<TransfersStatus>> GetStatusAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICas2ApplicationReaderGrain>("status").GetStatusAsync());

    private static ProblemHttpResult NoSuchApplication(Guid id) => ApiProblems.NotFound("No such application", $"There is no CAS2 application {id}.");
}
