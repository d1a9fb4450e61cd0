using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.Security;

/// <summary>
/// Orleans' dashboard has no authentication of its own, so the gateway maps it behind the operator
/// role: anonymous callers and readers are refused, operators get it.
/// </summary>
public sealed class OrleansDashboardAuthorizationTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_Orleans_dashboard_refuses_anonymous_callers_and_readers()
    {
        using var anonymous = host.Anonymous();
        await (await anonymous.GetAsync(SyncApiExtensions.OrleansDashboardPath)).ProblemAsync(HttpStatusCode.Unauthorized);

        using var reader = host.As(ApiRoles.Reader);
        await (await reader.GetAsync(SyncApiExtensions.OrleansDashboardPath)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_operator_gets_the_Orleans_dashboard()
    {
        using var operatorClient = host.As(ApiRoles.Operator);

        var response = await operatorClient.GetAsync(SyncApiExtensions.OrleansDashboardPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
