using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using OrleansSync.Api.Security.SignIn;
using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.Security;

/// <summary>
/// The Orleans Dashboard's browser sign-in: an operator's token becomes an HttpOnly, Secure,
/// SameSite=Strict cookie scoped to /dashboard; readers, bad tokens and foreign return addresses are
/// refused without one; and the cookie authenticates the Orleans Dashboard only, never the API.
/// </summary>
public sealed class DashboardSignInTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string OrleansDashboard = SyncApiExtensions.OrleansDashboardPath + "/";

    [Fact]
    public async Task The_sign_in_page_is_a_form_for_a_token()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/sign-in?returnUrl=%2Fdashboard%2Forleans%2F");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("name=\"token\"").And.Contain("value=\"/dashboard/orleans/\"");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("form-action 'self'");
    }

    [Fact]
    public async Task An_operator_token_sets_a_strict_cookie_that_expires_with_it_and_redirects_to_the_return_address()
    {
        var before = DateTimeOffset.UtcNow;
        var token = DevTokens.Create(host.Services, ApiRoles.Operator, "op", TimeSpan.FromMinutes(20));
        using var client = host.Anonymous();

        var response = await SignInAsync(client, token, "/dashboard/orleans/?tab=silos");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().Be("/dashboard/orleans/?tab=silos");
        var cookie = SessionCookie(response);
        cookie.Should().NotBeNull();
        cookie!.Value.ToString().Should().Be(token);
        cookie.HttpOnly.Should().BeTrue();
        cookie.Secure.Should().BeTrue();
        cookie.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        cookie.Path.ToString().Should().Be("/dashboard");
        cookie.Expires.Should().BeCloseTo(before.AddMinutes(20), TimeSpan.FromSeconds(5));

        // Without a returnUrl, sign-in lands on the Orleans Dashboard.
        var plain = await SignInAsync(client, DevTokens.Create(host.Services, ApiRoles.Admin), null);
        plain.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        plain.Headers.Location!.OriginalString.Should().Be(OrleansDashboard);
    }

    [Fact]
    public async Task A_reader_token_is_refused_with_403_and_no_cookie()
    {
        using var client = host.Anonymous();
        var response = await SignInAsync(client, DevTokens.Create(host.Services, ApiRoles.Reader), null);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("operator or admin");
        SessionCookie(response).Should().BeNull();
    }

    [Fact]
    public async Task A_bad_or_expired_token_is_refused_with_401_no_cookie_and_is_not_echoed()
    {
        var key = host.Services.GetRequiredService<ApiSigningKey>();
        string[] refused =
        [
            "not-a-jwt",
            DevTokens.Create(key, "late", [ApiRoles.Admin], DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1)),
            DevTokens.Create(ApiSigningKey.FromText("another-signing-key-that-is-long-enough-0123456789"), "forger", [ApiRoles.Admin], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
            "",
        ];
        using var client = host.Anonymous();
        foreach (var token in refused)
        {
            var response = await SignInAsync(client, token, null);
            var html = await response.Content.ReadAsStringAsync();

            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, token);
            html.Should().Contain("refused");
            if (token.Length > 0)
            {
                html.Should().NotContain(token);
            }

            SessionCookie(response).Should().BeNull();
        }
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("dashboard")]
    public async Task A_return_address_off_this_server_is_refused(string returnUrl)
    {
        using var client = host.Anonymous();
        var response = await SignInAsync(client, DevTokens.Create(host.Services, ApiRoles.Admin), returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        SessionCookie(response).Should().BeNull();

        var page = await client.GetAsync($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().NotContain("evil.example");
    }

    [Fact]
    public async Task The_cookie_opens_the_Orleans_dashboard()
    {
        using var client = host.Anonymous();
        var response = await client.SendAsync(WithCookie(HttpMethod.Get, OrleansDashboard, DevTokens.Create(host.Services, ApiRoles.Operator)));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_cookie_never_authorises_the_API()
    {
        // An admin's token in the cookie: were it read outside /dashboard/orleans, a cross-site form could use it.
        var token = DevTokens.Create(host.Services, ApiRoles.Admin);
        using var client = host.Anonymous();
        (HttpMethod Method, string Path)[] api =
        [
            (HttpMethod.Post, $"/events/{TestEventSources.Subscribed.Name}"),
            (HttpMethod.Get, "/admin/dead-letters"),
            (HttpMethod.Delete, "/admin/dead-letters/1"),
            (HttpMethod.Get, "/api/dashboard/overview"),
        ];
        foreach (var (method, path) in api)
        {
            var request = WithCookie(method, path, token);
            if (method == HttpMethod.Post)
            {
                request.Content = Requests.Json(new { eventType = "test.changed", entity = "cookie" });
            }

            await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_page_load_of_the_Orleans_dashboard_without_a_session_is_sent_to_sign_in_and_its_API_calls_get_401()
    {
        using var client = host.Anonymous();
        var navigation = new HttpRequestMessage(HttpMethod.Get, OrleansDashboard + "?x=1");
        navigation.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        var response = await client.SendAsync(navigation);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/sign-in?returnUrl=%2Fdashboard%2Forleans%2F%3Fx%3D1");

        var expired = DevTokens.Create(host.Services.GetRequiredService<ApiSigningKey>(), "late", [ApiRoles.Admin], DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1));
        var fetch = WithCookie(HttpMethod.Get, SyncApiExtensions.OrleansDashboardPath + "/DashboardCounters", expired);
        fetch.Headers.Accept.ParseAdd("application/json");
        await (await client.SendAsync(fetch)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sign_out_clears_the_cookie()
    {
        using var client = host.Anonymous();
        var response = await client.PostAsync("/sign-out", null);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = SessionCookie(response);
        cookie.Should().NotBeNull();
        cookie!.Value.ToString().Should().BeEmpty();
        cookie.Path.ToString().Should().Be("/dashboard");
        cookie.Expires.Should().BeBefore(DateTimeOffset.UtcNow);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string token, string? returnUrl)
    {
        var fields = new Dictionary<string, string> { ["token"] = token };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return client.PostAsync("/sign-in", new FormUrlEncodedContent(fields));
    }

    private static HttpRequestMessage WithCookie(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", $"{DashboardSessionCookie.Name}={token}");
        return request;
    }

    private static SetCookieHeaderValue? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? SetCookieHeaderValue.ParseList([.. values]).SingleOrDefault(c => c.Name == DashboardSessionCookie.Name)
            : null;
}
