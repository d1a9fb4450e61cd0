using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansSync.Api.Http;

/// <summary>The gateway's RFC 9457 answers. Details name fields and limits, never values that could be secrets.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            detail: $"The request body is larger than the limit of {limit} bytes.");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: detail);

    /// <summary>400 with <c>errors: { "field": ["reason"] }</c>.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "The request is invalid");

    /// <summary>The paging parameters' problems (limit 1..<paramref name="maxPageSize"/>, after ≥ 0), or null when they are fine.</summary>
    public static ValidationProblem? InvalidPage(long? after, int? limit, int maxPageSize)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (limit is not null && (limit < 1 || limit > maxPageSize))
        {
            errors["limit"] = [$"Must be between 1 and {maxPageSize}."];
        }

        if (after is < 0)
        {
            errors["after"] = ["Must not be negative."];
        }

        return errors.Count > 0 ? Invalid(errors) : null;
    }

    public static ValidationProblem Invalid(string field, string reason) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [reason] });
}
