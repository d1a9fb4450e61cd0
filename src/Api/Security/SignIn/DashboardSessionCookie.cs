using Microsoft.AspNetCore.Http;

namespace OrleansSync.Api.Security.SignIn;

/// <summary>
/// The cookie <c>POST /sign-in</c> sets: the operator's bearer token itself, so that a browser can
/// navigate to the Orleans Dashboard (navigation cannot carry an Authorization header). HttpOnly (no
/// script reads it), Secure (never sent in clear; Chromium treats http://127.0.0.1 as secure),
/// SameSite=Strict (no cross-site request carries it) and Path=/dashboard (the API never receives it).
/// It expires with the token; the bearer handler reads it only under <see cref="ProtectedPath"/>.
/// </summary>
public static class DashboardSessionCookie
{
    public const string Name = "orleanssync.dashboard";

    /// <summary>The browser sends it only to the dashboards; our own pages ignore it.</summary>
    public const string Path = "/dashboard";

    /// <summary>The only requests it authenticates: the Orleans Dashboard's page and its own API calls.</summary>
    public static readonly PathString ProtectedPath = new(SyncApiExtensions.OrleansDashboardPath);

    public static CookieOptions Options(DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>True when the request may be authenticated from the cookie: under the Orleans Dashboard and without a bearer header of its own.</summary>
    public static bool Applies(HttpRequest request) =>
        request.Path.StartsWithSegments(ProtectedPath, StringComparison.OrdinalIgnoreCase) && !request.Headers.ContainsKey("Authorization");
}
