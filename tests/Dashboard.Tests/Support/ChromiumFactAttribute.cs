namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>
/// A browser test: skipped, with the reason and the command that fixes it, when Debian's Chromium is
/// not installed (the tests never download a browser).
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!DashboardHost.ChromiumInstalled)
        {
            Skip = $"Chromium is not installed at {DashboardHost.ChromiumPath}; install it with: apt-get install -y chromium";
        }
    }
}
