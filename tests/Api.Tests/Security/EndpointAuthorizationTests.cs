using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.Security;

/// <summary>
/// Every endpoint the application maps, found through its EndpointDataSource (so endpoints domains
/// add later are covered without touching this file), is refused without a token (401) and with a
/// role below its policy (403), both as problem details, and lets a sufficient role through.
/// </summary>
public sealed class EndpointAuthorizationTests(ApiHost host) : IClassFixture<ApiHost>
{
    /// <summary>Anonymous by design: the host's health checks, the OpenAPI document, the co-hosted simulators (they stand in for external systems), the cluster's own endpoint (it has its secret), the dashboard sign-in (it is how a token gets in) and the Prometheus scrape (anonymous unless Metrics:RequireToken, as scrapers usually are).</summary>
    private static readonly string[] AnonymousPrefixes = ["/health/", "/openapi/", "/sim/", "/sign-in/", "/sign-out/", "/metrics/"];

    private static readonly string[] Policies = [ApiPolicies.Read, ApiPolicies.Write, ApiPolicies.Admin, ApiPolicies.ReferenceDataWrite];

    [Fact]
    public void Every_endpoint_outside_the_anonymous_ones_requires_exactly_one_of_the_read_write_admin_policies()
    {
        var unprotected = AllEndpoints()
            .Where(e => !IsAnonymousByDesign(e.Path))
            .Where(e => e.Policies.Count != 1 || !Policies.Contains(e.Policies[0]))
            .Select(e => $"{e.Method} {e.Pattern} (policies: {string.Join(", ", e.Policies)})")
            .ToList();

        unprotected.Should().BeEmpty("every endpoint needs .RequireAuthorization(ApiPolicies.Read|Write|Admin|ReferenceDataWrite)");
        ProtectedEndpoints().Select(e => $"{e.Method} {e.Path}").Should().Contain(["POST /events/sample", "GET /admin/dead-letters", "DELETE /admin/dead-letters/1"]);
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_request_without_a_token_with_401_problem_details()
    {
        using var client = host.Anonymous();
        foreach (var endpoint in ProtectedEndpoints())
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path));
            response.StatusCode.Should().NotBe(HttpStatusCode.NotFound, $"{endpoint} was requested as {endpoint.Path}; if its route constraint needs another sample value, extend SampleValue");
            var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer", $"{endpoint} should challenge for a bearer token");
            problem.ToString().Should().NotContain(ApiHost.SigningKey);
        }
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_role_below_its_policy_with_403_problem_details()
    {
        foreach (var endpoint in ProtectedEndpoints())
        {
            // Read: a valid token with no role at all; write: reader; admin: operator (the strongest role that is still too weak).
            var token = endpoint.Policies[0] switch
            {
                ApiPolicies.Read => DevTokens.Create(host.Services.GetRequiredService<ApiSigningKey>(), "no-role", [], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                ApiPolicies.Write => DevTokens.Create(host.Services, ApiRoles.Reader),
                _ => DevTokens.Create(host.Services, ApiRoles.Operator),
            };
            using var client = host.WithToken(token);
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path));
            await response.ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Every_endpoint_lets_a_sufficient_role_through_authorization()
    {
        foreach (var endpoint in ProtectedEndpoints())
        {
            var role = endpoint.Policies[0] switch
            {
                ApiPolicies.Read => ApiRoles.Reader,
                ApiPolicies.Write => ApiRoles.Operator,
                _ => ApiRoles.Admin,
            };
            using var client = host.As(role);
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path), HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, endpoint.ToString()).And.NotBe(HttpStatusCode.Forbidden, endpoint.ToString());
        }
    }

    [Fact]
    public async Task Admin_passes_every_policy()
    {
        using var client = host.As(ApiRoles.Admin);
        foreach (var endpoint in ProtectedEndpoints())
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path), HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, endpoint.ToString()).And.NotBe(HttpStatusCode.Forbidden, endpoint.ToString());
        }
    }

    [Fact]
    public async Task An_expired_token_a_token_signed_with_another_key_and_a_token_for_another_audience_are_refused_with_401()
    {
        var key = host.Services.GetRequiredService<ApiSigningKey>();
        var other = ApiSigningKey.FromText("another-signing-key-that-is-long-enough-0123456789");
        string[] refused =
        [
            DevTokens.Create(key, "late", [ApiRoles.Admin], DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1)),
            DevTokens.Create(other, "forger", [ApiRoles.Admin], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
            DevTokens.Create(key, "elsewhere", [ApiRoles.Admin], DateTimeOffset.UtcNow, TimeSpan.FromHours(1), audience: "another-system"),
            DevTokens.Create(key, "elsewhere", [ApiRoles.Admin], DateTimeOffset.UtcNow, TimeSpan.FromHours(1), issuer: "another-issuer"),
            "not-a-jwt",
        ];
        foreach (var token in refused)
        {
            using var client = host.WithToken(token);
            using var response = await client.GetAsync("/admin/dead-letters");
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var valid = host.WithToken(DevTokens.Create(ApiHost.SigningKey, ApiRoles.Admin, "configured-key"));
        (await valid.GetAsync("/admin/dead-letters")).StatusCode.Should().Be(HttpStatusCode.OK, "a token minted from the configured key text is accepted");
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        // {"alg":"none"} with admin claims: the classic forgery; only HS256 is accepted.
        static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var token = $"{Segment("""{"alg":"none","typ":"JWT"}""")}.{Segment($$"""{"sub":"x","role":"admin","iss":"orleanssync","aud":"orleanssync","exp":{{expires}}}""")}.";
        using var client = host.WithToken(token);
        await (await client.GetAsync("/admin/dead-letters")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_the_OpenAPI_document_and_Swagger_UI_need_no_token()
    {
        using var client = host.Anonymous();
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/events/{source}", out var ingest).Should().BeTrue();
        ingest.GetProperty("post").GetProperty("security").GetArrayLength().Should().Be(1, "operations name the bearer scheme");
        paths.TryGetProperty("/admin/dead-letters/{id}", out _).Should().BeTrue();
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        paths.EnumerateObject().Select(p => p.Name).Should().NotContain(p => p.StartsWith("/sim/") || p.StartsWith("/cluster/"));
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_problem_details()
    {
        using var client = host.As(ApiRoles.Admin);
        await (await client.GetAsync("/no-such-route")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsync("/admin/dead-letters/1", Requests.Json("{}"))).ProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    private IEnumerable<EndpointCase> ProtectedEndpoints() => AllEndpoints().Where(e => !IsAnonymousByDesign(e.Path));

    private List<EndpointCase> AllEndpoints()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Should().NotBeEmpty();
        return
        [
            .. from endpoint in endpoints
               from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]
               select new EndpointCase(
                   method,
                   endpoint.RoutePattern.RawText ?? "",
                   SamplePath(endpoint.RoutePattern),
                   [.. endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)").Distinct()]),
        ];
    }

    private static bool IsAnonymousByDesign(string path) => AnonymousPrefixes.Any(prefix => (path + "/").StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>A concrete path for a route pattern, with values that satisfy the common route constraints.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList()),
            _ => "",
        })));
        return "/" + string.Join("/", segments);
    }

    private static string SampleValue(List<string> constraints)
    {
        static int Argument(string constraint) => int.Parse(constraint[(constraint.IndexOf('(') + 1)..constraint.IndexOf(')')].Split(',')[0]);

        foreach (var constraint in constraints)
        {
            switch (constraint)
            {
                case "int" or "long" or "decimal" or "double" or "float":
                case var c when c.StartsWith("min(") || c.StartsWith("max(") || c.StartsWith("range("):
                    return "1";
                case "guid":
                    return "6f2f6b1f-7c36-4d5b-8b87-2a4f5c2b4b1e";
                case "bool":
                    return "true";
                case "datetime":
                    return "2024-01-01";
                case var c when c.StartsWith("length(") || c.StartsWith("minlength("):
                    return new string('a', Argument(c));
            }
        }

        return "sample";
    }

    private sealed record EndpointCase(string Method, string Pattern, string Path, List<string> Policies)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }
}
