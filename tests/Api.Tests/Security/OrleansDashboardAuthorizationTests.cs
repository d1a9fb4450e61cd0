using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.Security;

/// <summary>
/// Orleans' dashboard has no authentication of its own, so the gateway maps it behind the operator
/// role: anonymous callers and readers are refused, operators get it. (A browser signs in with a
/// cookie instead of the header: see DashboardSignInTests.)
/// </summary>
public sealed class OrleansDashboardAuthorizationTests(ApiHost host) : IClassFixture<ApiHost>
{
    // With the trailing slash: the dashboard redirects its bare path there, and a redirect drops the token.
    private const string Root = SyncApiExtensions.OrleansDashboardPath + "/";

    [Fact]
    public async Task The_Orleans_dashboard_refuses_anonymous_callers_and_readers()
    {
        using var anonymous = host.Anonymous();
        await (await anonymous.GetAsync(Root)).ProblemAsync(HttpStatusCode.Unauthorized);

        using var reader = host.As(ApiRoles.Reader);
        await (await reader.GetAsync(Root)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_operator_gets_the_Orleans_dashboard()
    {
        using var operatorClient = host.As(ApiRoles.Operator);

        var response = await operatorClient.GetAsync(Root);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
