using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSync.Grains.ReferenceData;

namespace OrleansSync.Api.ReferenceData;

/// <summary>
/// A refused reference-data change as RFC 9457 problem details carrying incentives-api's ErrorResponse fields:
/// <c>errorCode</c>, <c>userMessage</c>, <c>developerMessage</c> and, where the rule has one, <c>moreInfo</c>.
/// </summary>
internal static class ReferenceDataProblems
{
    public static ProblemHttpResult From(ReferenceDataError error)
    {
        if (error.Kind == ReferenceDataErrorKind.NotFound)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: error.Message,
                extensions: new Dictionary<string, object?> { ["userMessage"] = $"Not found: {error.Message}", ["developerMessage"] = error.Message });
        }

        var extensions = new Dictionary<string, object?>
        {
            ["errorCode"] = error.ErrorCode,
            ["userMessage"] = $"Validation failure: {error.Message}",
            ["developerMessage"] = error.Message,
        };
        if (error.MoreInfo is not null)
        {
            extensions["moreInfo"] = error.MoreInfo;
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Validation failure", detail: error.Message, extensions: extensions);
    }

    public static ProblemHttpResult LevelNotFound(string code) => From(ReferenceDataError.NotFound($"No incentive level found for code {code}"));
}
