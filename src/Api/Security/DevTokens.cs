using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansSync.Api.Security;

/// <summary>
/// Mints HS256 bearer tokens the gateway accepts: issuer and audience <see cref="Issuer"/>, a "sub"
/// claim, and one "role" claim per role (<see cref="ApiRoles"/>). Used by the default run (its
/// ready-made admin token), the <c>token</c> command, in-process callers such as simulators, and tests.
/// </summary>
public static class DevTokens
{
    /// <summary>Issuer and audience of every token; a token minted for another system is refused.</summary>
    public const string Issuer = "orleanssync";

    public const string Audience = "orleanssync";

    public const string RoleClaim = "role";

    public const string SubjectClaim = "sub";

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>A token signed with <paramref name="signingKey"/> (the value of Api:Jwt:SigningKey).</summary>
    public static string Create(string signingKey, string role, string subject, TimeSpan? lifetime = null) =>
        Create(ApiSigningKey.FromText(signingKey), subject, [role], TimeProvider.System.GetUtcNow(), lifetime ?? DefaultLifetime);

    /// <summary>A token signed with the key this host validates with, whatever its source (tests, in-process simulators).</summary>
    public static string Create(IServiceProvider services, string role, string subject = "test", TimeSpan? lifetime = null) =>
        Create(services.GetRequiredService<ApiSigningKey>(), subject, [role], TimeProvider.System.GetUtcNow(), lifetime ?? DefaultLifetime);

    /// <summary>The general form: any roles (none, to test refusals), any issue time (in the past, to test expiry), any issuer.</summary>
    internal static string Create(
        ApiSigningKey key,
        string subject,
        IReadOnlyCollection<string> roles,
        DateTimeOffset issuedAt,
        TimeSpan lifetime,
        string issuer = Issuer,
        string audience = Audience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [SubjectClaim] = subject,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (roles.Count > 0)
        {
            claims[RoleClaim] = roles.Count == 1 ? roles.First() : roles.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
