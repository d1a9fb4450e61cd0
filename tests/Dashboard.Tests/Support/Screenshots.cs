using Microsoft.Playwright;

namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>
/// Saves full-page screenshots as test artifacts in &lt;repo&gt;/TestResults/screenshots (beside the TRX
/// files test.sh collects; outside a checkout, under the test output folder).
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(
        Path.Combine(RepositoryRoot.Find() ?? AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Directory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
