namespace OrleansSync.Api.Security;

/// <summary>Authorization policy names; every endpoint requires one of them.</summary>
public static class ApiPolicies
{
    /// <summary>reader, operator, admin or incentive-levels-rw.</summary>
    public const string Read = "read";

    /// <summary>operator or admin.</summary>
    public const string Write = "write";

    /// <summary>admin only.</summary>
    public const string Admin = "admin";

    /// <summary>incentive-levels-rw or admin: writes of the incentive reference data.</summary>
    public const string ReferenceDataWrite = "reference-data-write";
}
