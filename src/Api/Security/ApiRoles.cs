using System.Security.Claims;

namespace OrleansSync.Api.Security;

/// <summary>Role claim values in bearer tokens ("role" claim).</summary>
public static class ApiRoles
{
    /// <summary>Reads sync status, data, history, listings and the dashboard; never message payloads.</summary>
    public const string Reader = "reader";

    /// <summary>Triggers syncs and writes domain data; also reads, payloads included. Upstream systems posting events have it.</summary>
    public const string Operator = "operator";

    /// <summary>Everything, including dead-letter replay and discard, migrations and repairs.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// Maintains the incentive reference data (levels, prison levels) and reads; the real service's
    /// ROLE_INCENTIVE_LEVELS__RW. Admin may do the same.
    /// </summary>
    public const string IncentiveLevelsRw = "incentive-levels-rw";

    /// <summary>
    /// Whether the caller may see the bodies of inbound messages (dead letters, skipped events):
    /// they carry personal data and upstream credentials (SNS SubscribeURL), so readers see listings
    /// without them.
    /// </summary>
    public static bool SeesPayloads(ClaimsPrincipal user) => user.IsInRole(Operator) || user.IsInRole(Admin);
}
