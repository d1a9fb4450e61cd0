using System.Net;
using System.Text;

namespace OrleansSync.Api.Security.SignIn;

/// <summary>
/// The sign-in page: one form (paste a token, submit) and, after a refusal, why. Rendered on the
/// server so it works without script; every value put in it is HTML-encoded, and the token is never
/// echoed back.
/// </summary>
internal static class SignInPage
{
    // Nothing but our own stylesheet, and the form may post only here: an injected tag can neither run nor exfiltrate.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IResult Render(int statusCode, string? returnUrl, string? message)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="referrer" content="no-referrer">
              <title>Sign in · OrleansSync</title>
              <link rel="stylesheet" href="/dashboard/dashboard.css">
            </head>
            <body>
              <header class="topbar"><a class="brand" href="/dashboard">OrleansSync <span class="muted">sign in</span></a></header>
              <main>
                <section id="sign-in" class="card login">
                  <h1>Sign in to the Orleans Dashboard</h1>
                  <p>Paste a bearer token with the <b>operator</b> or <b>admin</b> role. It is kept in a cookie that only the
                    dashboards receive, and it expires with the token.</p>
                  <ul>
                    <li>In the default run (<code>./run.sh</code>) the silo writes an admin token to <code>.data/dev-token</code>.</li>
                    <li>Mint another: <code>dotnet run --project src/Silo -- token --role operator --subject you --days 1</code></li>
                  </ul>
                  <form id="sign-in-form" method="post" action="/sign-in" autocomplete="off">
                    <label for="token">Token</label>
                    <input id="token" name="token" type="password" spellcheck="false" placeholder="eyJhbGciOiJIUzI1NiIs…" required>
            """);
        if (returnUrl is not null)
        {
            html.Append("\n        <input type=\"hidden\" name=\"returnUrl\" value=\"").Append(WebUtility.HtmlEncode(returnUrl)).Append("\">\n");
        }

        html.Append("""
                    <button type="submit" id="sign-in-submit">Sign in</button>
                  </form>
            """);
        if (message is not null)
        {
            html.Append("\n      <p id=\"sign-in-message\" class=\"message\" role=\"alert\" data-testid=\"sign-in-message\">")
                .Append(WebUtility.HtmlEncode(message)).Append("</p>\n");
        }

        html.Append("""
                </section>
              </main>
            </body>
            </html>
            """);
        return new HtmlResult(statusCode, html.ToString());
    }

    private sealed class HtmlResult(int statusCode, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.XFrameOptions = "DENY";
            response.Headers["Referrer-Policy"] = "no-referrer";
            return response.WriteAsync(html);
        }
    }
}
