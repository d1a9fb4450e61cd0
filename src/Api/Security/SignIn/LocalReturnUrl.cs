namespace OrleansSync.Api.Security.SignIn;

/// <summary>
/// Where sign-in may send the browser afterwards: a path on this server only. Anything that a browser
/// could resolve to another origin ("//evil", "/\evil", "https://evil", control characters) is refused,
/// so that /sign-in can never be used as an open redirect.
/// </summary>
public static class LocalReturnUrl
{
    /// <summary>Where a sign-in without a returnUrl lands: the Orleans Dashboard (its root, with the slash it redirects to).</summary>
    public const string Default = SyncApiExtensions.OrleansDashboardPath + "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');
}
