using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansSync.Api.Security.SignIn;
using OrleansSync.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OrleansSync.Dashboard.Tests;

/// <summary>
/// The Orleans Dashboard at /dashboard/orleans in a real browser: reached from our dashboard's link
/// through the sign-in page with an operator token (the session cookie then carries every one of its
/// requests), and refused, landing on the sign-in page, without one or with a reader's token.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OrleansDashboardPageTests(DashboardHost host)
{
    private const string OrleansDashboard = "/dashboard/orleans/";

    [ChromiumFact]
    public async Task An_operator_signs_in_through_the_page_and_sees_the_Orleans_dashboard()
    {
        // The browser profile is shared by the collection: start without a session, and leave none behind.
        await host.Browser.ClearCookiesAsync();
        try
        {
            var page = await host.SignedInPageAsync(ApiRoles.Reader);
            await page.GotoAsync("/dashboard#/overview");
            await page.ClickAsync("#orleans-dashboard-link");

            await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fdashboard%2Forleans%2F$"));
            await page.FillAsync("#token", host.Token(ApiRoles.Operator));
            await Screenshots.SaveAsync(page, "11-orleans-dashboard-sign-in");
            await page.ClickAsync("#sign-in-submit");

            await Expect(page).ToHaveURLAsync(host.BaseUrl + OrleansDashboard);
            await Expect(page).ToHaveTitleAsync("Orleans Dashboard");

            // Its script ran and its own API answered (with the cookie): the menu is drawn and the live silo is listed.
            await Expect(page.Locator("#menu a").First).ToBeVisibleAsync();
            await Expect(page.Locator("#content")).Not.ToContainTextAsync("Loading...");
            await Expect(page.Locator("#content")).ToContainTextAsync("Active Silos");
            await Screenshots.SaveAsync(page, "12-orleans-dashboard");

            var cookie = (await host.Browser.CookiesAsync(host.BaseUrl + OrleansDashboard)).Single(c => c.Name == DashboardSessionCookie.Name);
            cookie.HttpOnly.Should().BeTrue();
            cookie.Secure.Should().BeTrue();
            cookie.SameSite.Should().Be(SameSiteAttribute.Strict);
            cookie.Path.Should().Be("/dashboard");
            (await page.EvaluateAsync<string>("document.cookie")).Should().NotContain(DashboardSessionCookie.Name, "script cannot read an HttpOnly cookie");

            // Signing out ends the session: the next page load is sent back to sign in.
            // The browser context's own request client: it sends and updates the same cookie store.
            await host.Browser.APIRequest.PostAsync("/sign-out", new() { MaxRedirects = 0 });
            await page.GotoAsync(OrleansDashboard);
            await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl="));
        }
        finally
        {
            await host.Browser.ClearCookiesAsync();
        }
    }

    [ChromiumFact]
    public async Task Without_signing_in_the_Orleans_dashboard_is_refused_and_the_browser_lands_on_the_sign_in_page()
    {
        await host.Browser.ClearCookiesAsync();
        try
        {
            var page = await host.Browser.NewPageAsync();
            var response = await page.GotoAsync(OrleansDashboard);

            await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fdashboard%2Forleans%2F$"));
            response!.Status.Should().Be(200, "the sign-in page itself is served; the dashboard was not");
            await Expect(page.Locator("#sign-in-form")).ToBeVisibleAsync();
            await Expect(page).Not.ToHaveTitleAsync("Orleans Dashboard");
            await Expect(page.Locator("#dashboard-sidebar")).ToHaveCountAsync(0);

            // A reader's token is valid but not enough: refused on the page, and still no dashboard.
            await page.FillAsync("#token", host.Token(ApiRoles.Reader));
            await page.ClickAsync("#sign-in-submit");
            await Expect(page.GetByTestId("sign-in-message")).ToContainTextAsync("403");
            await Expect(page.Locator("#dashboard-sidebar")).ToHaveCountAsync(0);
            (await host.Browser.CookiesAsync(host.BaseUrl + OrleansDashboard)).Should().NotContain(c => c.Name == DashboardSessionCookie.Name);
            await Screenshots.SaveAsync(page, "13-orleans-dashboard-refused");

            // Its API refuses this browser too: the dashboard's own calls get 401, not the sign-in page.
            var api = await host.Browser.APIRequest.GetAsync(OrleansDashboard + "DashboardCounters", new() { Headers = new Dictionary<string, string> { ["Accept"] = "application/json" }, MaxRedirects = 0 });
            api.Status.Should().Be(401);
        }
        finally
        {
            await host.Browser.ClearCookiesAsync();
        }
    }
}
