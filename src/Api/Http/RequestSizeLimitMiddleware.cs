using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace OrleansSync.Api.Http;

/// <summary>
/// Refuses bodies over Api:MaxRequestBodyBytes (or the endpoint's own <see cref="IRequestSizeLimitMetadata"/>)
/// with a 413 problem: at once when Content-Length says so, and while reading when a chunked body
/// grows past it. The same answer under Kestrel and the test server, unlike the server's own limit.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : options.Value.MaxRequestBodyBytes;
        if (limit is null)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > limit)
        {
            await ApiProblems.TooLarge(limit.Value).ExecuteAsync(context);
            return;
        }

        if (context.Request.ContentLength is null)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit.Value);
        }

        await next(context);
    }
}
