using Microsoft.AspNetCore.Http;

namespace OrleansSync.Api.Http;

/// <summary>
/// Refuses a query string value holding a NUL character (<c>%00</c>) with a 400 problem naming the
/// parameter, for every endpoint at once: PostgreSQL cannot take a NUL in a text parameter, so a
/// filter such as <c>?namespace=%00</c> would otherwise fail as a 500. Kestrel already refuses a NUL in
/// the path; headers cannot carry one.
/// </summary>
internal sealed class QueryTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (name.Contains('\0') || values.Any(v => v is not null && v.Contains('\0')))
            {
                await ApiProblems.Invalid(name.Replace("\0", "\\u0000", StringComparison.Ordinal), StorableJson.NulReason).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
