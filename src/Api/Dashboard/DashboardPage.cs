using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// Serves the dashboard's page (Dashboard/wwwroot, embedded in this assembly: plain HTML, CSS and
/// JavaScript, nothing from a CDN) at <c>/dashboard</c>. The page is anonymous and holds no data; it
/// reads the /api/dashboard endpoints with the bearer token the user gives it. Static-file middleware
/// rather than endpoints, so the page is not part of the API (or its document) and every endpoint
/// stays behind a policy.
/// </summary>
internal static class DashboardPage
{
    public const string Path = "/dashboard";

    private const string ResourceNamespace = "OrleansSync.Api.Dashboard.wwwroot";
    private const string IndexFile = "/index.html";

    // Only this origin's own script and styles: an injected <script> or inline handler cannot run.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseDashboardPage(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardPage).Assembly, ResourceNamespace);
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && (path.Equals(Path, StringComparison.OrdinalIgnoreCase) || path.Equals(Path + "/", StringComparison.OrdinalIgnoreCase)))
            {
                context.Request.Path = Path + IndexFile;
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;

                // Revalidated on every load (the ETag makes that cheap), so a new version shows at once.
                headers.CacheControl = new StringValues("no-cache");
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
            },
        });
        return app;
    }
}
