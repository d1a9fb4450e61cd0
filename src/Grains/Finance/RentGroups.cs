namespace OrleansSync.Grains.Finance;

/// <summary>
/// The account's rent group from its tenure type. The finance listener's code is not public (contracts,
/// gap); its repair script posts "Tenant" for every tenure, so that is the default, and only tenure types
/// that plainly belong to another of account-api's RentGroupType values are mapped to it (inferred).
/// </summary>
internal static class RentGroups
{
    private static readonly Dictionary<string, string> ByTenureType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["LEA"] = "LeaseHolders",
        ["LHS"] = "LeaseHolders",
        ["SHO"] = "LeaseHolders",
        ["SPS"] = "LeaseHolders",
        ["SSE"] = "LeaseHolders",
        ["FRE"] = "LeaseHolders",
        ["FRS"] = "LeaseHolders",
        ["PVG"] = "Garages",
        ["TGA"] = "Garages",
        ["TRA"] = "Travelers",
        ["TBB"] = "TempAcc",
        ["THL"] = "TempAcc",
        ["THO"] = "TempAcc",
        ["TLA"] = "TempAcc",
        ["TPL"] = "TempAcc",
        ["LTA"] = "TempAcc",
        ["DEC"] = "TempAcc",
        ["TAF"] = "TempAcc",
        ["RSL"] = "RSLandXBorough",
    };

    public const string Default = "Tenant";

    public static string For(string? tenureTypeCode) =>
        tenureTypeCode is not null && ByTenureType.TryGetValue(tenureTypeCode, out var group) ? group : Default;
}
