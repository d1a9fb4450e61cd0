using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OrleansSync.Api.Http;

/// <summary>
/// Refuses a Content-Type that does not parse, or that names a charset other than UTF-8, with a 415
/// problem before any endpoint reads the body: the framework's JSON reader would otherwise fail on
/// it with an exception that is not a bad-request error (a 500), and the ingestion endpoint would
/// read the bytes as UTF-8 whatever the header claimed.
/// </summary>
internal sealed class ContentTypeCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.ContentType.ToString();
        if (header.Length == 0)
        {
            await next(context);
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(header, out var mediaType) || mediaType.MediaType.Length == 0)
        {
            await ApiProblems.UnsupportedMediaType("The Content-Type header is malformed; send application/json.").ExecuteAsync(context);
            return;
        }

        // A charset parameter, when given (even empty: "charset="), must name UTF-8.
        var charset = mediaType.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        var value = charset?.Value.ToString().Trim('"');
        if (charset is not null && !"utf-8".Equals(value, StringComparison.OrdinalIgnoreCase) && !"utf8".Equals(value, StringComparison.OrdinalIgnoreCase))
        {
            await ApiProblems.UnsupportedMediaType("Send the body as UTF-8 (Content-Type: application/json; charset=utf-8, or no charset).").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
