using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Net.Http.Headers;

namespace OrleansSync.Api.Security.SignIn;

/// <summary>
/// The bearer handler's hooks for the Orleans Dashboard: the token comes from
/// <see cref="DashboardSessionCookie"/> when the request is under /dashboard/orleans and has no
/// Authorization header (never elsewhere, so the cookie cannot authorise the write API: no CSRF), and
/// a browser navigating there without a valid session is sent to /sign-in instead of a bare 401.
/// </summary>
internal static class DashboardSessionEvents
{
    public const string SignInPath = "/sign-in";

    public static Task OnMessageReceived(MessageReceivedContext context)
    {
        if (DashboardSessionCookie.Applies(context.Request)
            && context.Request.Cookies.TryGetValue(DashboardSessionCookie.Name, out var token)
            && !string.IsNullOrWhiteSpace(token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    public static Task OnChallenge(JwtBearerChallengeContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(DashboardSessionCookie.ProtectedPath, StringComparison.OrdinalIgnoreCase)
            && HttpMethods.IsGet(request.Method)
            && IsNavigation(request))
        {
            // A page load, not the dashboard's own fetches (those want JSON and keep their 401 problem).
            context.HandleResponse();
            var returnUrl = request.PathBase + request.Path + request.QueryString;
            context.Response.Redirect($"{request.PathBase}{SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        return Task.CompletedTask;
    }

    private static bool IsNavigation(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
