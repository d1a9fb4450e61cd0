using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.DeadLetters;

/// <summary>
/// Access to stream messages that failed every attempt (<see cref="IDeadLetters"/>): readers list
/// them without payloads, operators also inspect payloads, and only admins replay or discard (a
/// replay re-runs side effects).
/// </summary>
public static class DeadLettersApi
{
    public const int MaxPageSize = 1000;

    public const int DefaultPageSize = 100;

    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/admin/dead-letters").WithTags("Dead letters");

        letters.MapGet("", ListAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListDeadLetters")
            .WithSummary("List dead letters, optionally of one namespace or stream key, in id order (keyset paging with 'after'); payloads for operators and admins only")
            .ProducesValidationProblem();

        letters.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("GetDeadLetter")
            .WithSummary("Inspect one dead letter: payload, subscriber, attempts and last error")
            .ProducesProblem(StatusCodes.Status404NotFound);

        letters.MapPost("/{id:long}/replay", ReplayAsync)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("ReplayDeadLetter")
            .WithSummary("Deliver one dead letter again, from attempt 1")
            .ProducesProblem(StatusCodes.Status404NotFound);

        letters.MapPost("/replay", ReplayAllAsync)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("ReplayDeadLetters")
            .WithSummary("Deliver every dead letter of a stream namespace again, from attempt 1")
            .ProducesValidationProblem();

        letters.MapDelete("/{id:long}", DiscardAsync)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithName("DiscardDeadLetter")
            .WithSummary("Discard a dead letter: it is never delivered, and is deleted after the stream retention period")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    internal static async Task<Results<Ok<DeadLetterPage>, ValidationProblem>> ListAsync(
        IDeadLetters deadLetters,
        HttpContext context,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "namespace")] string? streamNamespace = null,
        string? key = null,
        long? after = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        if (ApiProblems.InvalidPage(after, limit, MaxPageSize) is { } errors)
        {
            return errors;
        }

        var pageSize = limit ?? DefaultPageSize;
        var page = await deadLetters.ListAsync(new DeadLetterQuery(Blank(streamNamespace), Blank(key), after, pageSize), cancellationToken);
        return TypedResults.Ok(new DeadLetterPage([.. page.Select(letter => DeadLetterView.From(letter, ApiRoles.SeesPayloads(context.User)))], page.Count == pageSize ? page[^1].Id : null));
    }

    internal static async Task<Results<Ok<DeadLetterView>, ProblemHttpResult>> GetAsync(long id, IDeadLetters deadLetters, CancellationToken cancellationToken) =>
        await deadLetters.GetAsync(id, cancellationToken) is { } letter
            ? TypedResults.Ok(DeadLetterView.From(letter, withPayload: true))
            : NotFound(id);

    internal static async Task<Results<Ok<DeadLetterReplay>, ProblemHttpResult>> ReplayAsync(
        long id,
        IDeadLetters deadLetters,
        ILoggerFactory loggers,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (!await deadLetters.ReplayAsync(id, cancellationToken))
        {
            return NotFound(id);
        }

        Logger(loggers).LogInformation("Dead letter {DeadLetterId} replayed by {User}", id, context.User.Identity?.Name);
        return TypedResults.Ok(new DeadLetterReplay(1));
    }

    internal static async Task<Results<Ok<DeadLetterReplay>, ValidationProblem>> ReplayAllAsync(
        IDeadLetters deadLetters,
        ILoggerFactory loggers,
        HttpContext context,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "namespace")] string? streamNamespace = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(streamNamespace))
        {
            return ApiProblems.Invalid("namespace", "Is required: the stream namespace whose dead letters to replay.");
        }

        var replayed = await deadLetters.ReplayAllAsync(streamNamespace, cancellationToken);
        Logger(loggers).LogInformation("{Count} dead letters of namespace {Namespace} replayed by {User}", replayed, streamNamespace, context.User.Identity?.Name);
        return TypedResults.Ok(new DeadLetterReplay(replayed));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DiscardAsync(
        long id,
        IDeadLetters deadLetters,
        ILoggerFactory loggers,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (!await deadLetters.DiscardAsync(id, cancellationToken))
        {
            return NotFound(id);
        }

        Logger(loggers).LogInformation("Dead letter {DeadLetterId} discarded by {User}", id, context.User.Identity?.Name);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(long id) =>
        ApiProblems.NotFound("Dead letter not found", $"No dead letter has id {id}; it may have been replayed or discarded already.");

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(DeadLettersApi).FullName!);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
