using OrleansSync.Api.Tests.Support;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Api.Tests.Security;

/// <summary>
/// The cluster's internal call endpoint is outside the bearer-token scheme (silos call it with the
/// cluster secret), so the gateway's tests check that it refuses anyone without that secret, even a
/// caller holding an admin token.
/// </summary>
public sealed class ClusterEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string SecretHeader = "X-Cluster-Secret";

    private static string Call => JsonSerializer.Serialize(new { grainType = "any", key = "k", method = "any", arguments = Array.Empty<object>() });

    [Fact]
    public async Task The_cluster_call_endpoint_refuses_requests_without_the_cluster_secret()
    {
        using var anonymous = host.Anonymous();
        var problem = await (await anonymous.PostAsync(ClusterEndpoints.CallsPath, Requests.Json(Call))).ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain(SecretHeader);

        using var admin = host.As(ApiRoles.Admin);
        await (await admin.PostAsync(ClusterEndpoints.CallsPath, Requests.Json(Call))).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_cluster_call_endpoint_refuses_a_wrong_cluster_secret_without_echoing_it()
    {
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, ClusterEndpoints.CallsPath) { Content = Requests.Json(Call) };
        request.Headers.Add(SecretHeader, "a-guessed-secret");

        var response = await client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        problem.ToString().Should().NotContain("a-guessed-secret");
    }
}
