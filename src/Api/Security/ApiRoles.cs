namespace OrleansSync.Api.Security;

/// <summary>Role claim values in bearer tokens ("role" claim).</summary>
public static class ApiRoles
{
    /// <summary>Reads sync status, data, history and the dashboard.</summary>
    public const string Reader = "reader";

    /// <summary>Triggers syncs and writes domain data; also reads. Upstream systems posting events have it.</summary>
    public const string Operator = "operator";

    /// <summary>Everything, including dead-letter replay and discard, migrations and repairs.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// Maintains the incentive reference data (levels, prison levels) and reads; the real service's
    /// ROLE_INCENTIVE_LEVELS__RW. Admin may do the same.
    /// </summary>
    public const string IncentiveLevelsRw = "incentive-levels-rw";
}
