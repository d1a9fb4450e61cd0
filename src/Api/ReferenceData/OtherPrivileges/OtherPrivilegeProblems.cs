using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSync.Api.Http;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;

namespace OrleansSync.Api.ReferenceData.OtherPrivileges;

/// <summary>An other-privilege call's answer: its value, or its refusal as a 400 validation problem naming the field, or a 404.</summary>
internal static class OtherPrivilegeProblems
{
    public static Results<TOk, ValidationProblem, ProblemHttpResult> Answer<T, TOk>(OtherPrivilegeResult<T> result, Func<T, TOk> ok)
        where TOk : IResult =>
        result.Refusal switch
        {
            null => ok(result.Value!),
            { Kind: OtherPrivilegeRefusalKind.NotFound } refusal => NotFound(refusal.Message),
            var refusal => ApiProblems.Invalid(refusal.Field, refusal.Message),
        };

    public static ProblemHttpResult NotFound(string message) => ApiProblems.NotFound("Not found", message);

    public static ProblemHttpResult PrivilegeNotFound(string code) => NotFound($"No other privilege found for code {code}");
}
