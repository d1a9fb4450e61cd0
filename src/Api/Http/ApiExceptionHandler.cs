using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OrleansSync.Api.Http;

/// <summary>
/// Turns request errors the framework raises (a parameter that does not bind, a body that is not
/// JSON of the expected shape, a body over the limit) into problem details that say what was wrong.
/// Anything else stays a 500 whose body reveals nothing: the exception is logged, not returned.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestBodyTooLargeException tooLarge => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"The request body is larger than the limit of {tooLarge.Limit} bytes.",
            },

            // Minimal APIs throw these (RouteHandlerOptions.ThrowOnBadRequest) with messages that
            // name the parameter: 'Failed to bind parameter "long id" from "abc".'; a JSON body's
            // inner exception names the path and position.
            BadHttpRequestException badRequest when badRequest.InnerException is System.Text.Json.JsonException json => new HttpValidationProblemDetails(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { [json.Path is { Length: > 0 } path ? FieldOf(path) : "body"] = [json.Message] })
            {
                Status = badRequest.StatusCode,
                Title = "The request body is invalid",
                Detail = badRequest.Message,
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "The request is invalid",
                Detail = badRequest.Message,
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.iepLevel" → "iepLevel", the name the request's own validation uses; the root ("$") is the body.</summary>
    private static string FieldOf(string jsonPath) => jsonPath == "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
}
