using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using OrleansSync.Api.Security.SignIn;

namespace OrleansSync.Api.Security;

/// <summary>JWT bearer authentication (HS256, issuer and audience "orleanssync"; for the Orleans Dashboard only, also from the sign-in cookie) and the role policies.</summary>
internal static class ApiSecurity
{
    /// <summary>Tolerates small clock differences between the token's minter and this host, and no more.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddApiSecurity(this IServiceCollection services)
    {
        // Resolved on first use, not while the host is being built: building stays free of file I/O,
        // and a test host's configuration is complete by then.
        services.TryAddSingleton(sp => ApiSigningKey.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<ApiSigningKey>((options, key) =>
        {
            // Claim names stay as written ("sub", "role") instead of being mapped to long URIs.
            options.MapInboundClaims = false;

            // The Orleans Dashboard's browser session (see DashboardSessionCookie): read only under
            // /dashboard/orleans, and a page load there without one is sent to /sign-in.
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = DashboardSessionEvents.OnMessageReceived,
                OnChallenge = DashboardSessionEvents.OnChallenge,
            };
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = DevTokens.Issuer,
                ValidAudience = DevTokens.Audience,
                IssuerSigningKey = key.SecurityKey,

                // Only HS256: a token naming another algorithm ("none", RS256 with our key as a public key) is refused.
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = ClockSkew,
                NameClaimType = DevTokens.SubjectClaim,
                RoleClaimType = DevTokens.RoleClaim,
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Read, policy => policy.RequireAuthenticatedUser().RequireRole(ApiRoles.Reader, ApiRoles.Operator, ApiRoles.Admin, ApiRoles.IncentiveLevelsRw))
            .AddPolicy(ApiPolicies.Write, policy => policy.RequireAuthenticatedUser().RequireRole(ApiRoles.Operator, ApiRoles.Admin))
            .AddPolicy(ApiPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(ApiRoles.Admin))
            .AddPolicy(ApiPolicies.ReferenceDataWrite, policy => policy.RequireAuthenticatedUser().RequireRole(ApiRoles.IncentiveLevelsRw, ApiRoles.Admin));

        services.AddHostedService<DevTokenWriter>();
        return services;
    }
}
