using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace OrleansSync.Api.Security.SignIn;

/// <summary>
/// <c>GET /sign-in</c> (the page), <c>POST /sign-in</c> (form fields <c>token</c> and an optional local
/// <c>returnUrl</c>) and <c>POST /sign-out</c>: the Orleans Dashboard's way in for a browser. The token
/// is validated exactly as the bearer handler validates it (its own options and token handlers) and must
/// pass the write policy (operator or admin); then it goes into <see cref="DashboardSessionCookie"/>.
/// Anonymous by nature, and pages rather than API operations, so they are not in the API document.
/// The token is never logged nor echoed back.
/// </summary>
internal static class SignInEndpoints
{
    public const string SignOutPath = "/sign-out";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(DashboardSessionEvents.SignInPath, (string? returnUrl) => LocalReturnUrl.IsLocal(returnUrl ?? LocalReturnUrl.Default)
                ? SignInPage.Render(StatusCodes.Status200OK, returnUrl, null)
                : SignInPage.Render(StatusCodes.Status400BadRequest, null, "The return address is not a path on this server, so it was dropped."))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost(DashboardSessionEvents.SignInPath, SignInAsync).AllowAnonymous().ExcludeFromDescription();

        app.MapPost(SignOutPath, (HttpContext context) =>
            {
                context.Response.Cookies.Delete(DashboardSessionCookie.Name, DashboardSessionCookie.Options(DateTimeOffset.UnixEpoch));
                return Results.Redirect(DashboardSessionEvents.SignInPath, permanent: false, preserveMethod: false);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context,
        IOptionsMonitor<JwtBearerOptions> bearerOptions,
        IAuthorizationService authorization,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(SignInEndpoints).FullName!);
        if (!context.Request.HasFormContentType)
        {
            return SignInPage.Render(StatusCodes.Status415UnsupportedMediaType, null, "Sign in with the form on this page.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString() is { Length: > 0 } given ? given : null;
        if (!LocalReturnUrl.IsLocal(returnUrl ?? LocalReturnUrl.Default))
        {
            // Refused outright rather than replaced: a link with a foreign returnUrl is someone's attempt at an open redirect.
            logger.LogWarning("Dashboard sign-in refused: the return address is not a local path.");
            return SignInPage.Render(StatusCodes.Status400BadRequest, null, "The return address is not a path on this server; sign in from this page instead.");
        }

        var token = form["token"].ToString().Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        var (principal, expires) = await ValidateAsync(bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme), token);
        if (principal is null)
        {
            logger.LogInformation("Dashboard sign-in refused: the token is missing, malformed, expired or not signed by this server.");
            return SignInPage.Render(StatusCodes.Status401Unauthorized, returnUrl,
                "That token was refused (401): it is missing, malformed, expired, or signed with another key. Paste a fresh one.");
        }

        if (!(await authorization.AuthorizeAsync(principal, ApiPolicies.Write)).Succeeded)
        {
            logger.LogInformation("Dashboard sign-in of {Subject} refused: the Orleans Dashboard needs the operator or admin role.", principal.Identity?.Name);
            return SignInPage.Render(StatusCodes.Status403Forbidden, returnUrl,
                "That token is valid, but its role may not open the Orleans Dashboard (403): it needs operator or admin.");
        }

        context.Response.Cookies.Append(DashboardSessionCookie.Name, token, DashboardSessionCookie.Options(expires));
        logger.LogInformation("Dashboard sign-in of {Subject} until {Expires:u}.", principal.Identity?.Name, expires);

        // 303: the browser follows with a GET, whatever the form's method was.
        context.Response.Headers.Location = returnUrl ?? LocalReturnUrl.Default;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>What the bearer handler would make of the token: its principal and expiry, or no principal.</summary>
    private static async Task<(ClaimsPrincipal? Principal, DateTimeOffset Expires)> ValidateAsync(JwtBearerOptions options, string token)
    {
        if (token.Length == 0)
        {
            return (null, default);
        }

        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
            if (result.IsValid && result.SecurityToken is { } securityToken)
            {
                return (new ClaimsPrincipal(result.ClaimsIdentity), new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc)));
            }
        }

        return (null, default);
    }
}
