using System.Text.RegularExpressions;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>Keys and identifiers of the reference data: <c>{prisonId}/{levelCode}</c> for a prison level.</summary>
public static partial class PrisonLevelKey
{
    public static string Of(string prisonId, string levelCode) => $"{prisonId}/{levelCode}";

    public static bool TryParse(string key, out string prisonId, out string levelCode)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        prisonId = slash > 0 ? key[..slash] : "";
        levelCode = slash > 0 ? key[(slash + 1)..] : "";
        return IsPrisonId(prisonId) && IsLevelCode(levelCode);
    }

    /// <summary>A NOMIS agency id as incentives-api accepts one: 2 to 6 capital letters or digits.</summary>
    public static bool IsPrisonId(string? text) => text is not null && PrisonIdPattern().IsMatch(text);

    /// <summary>A level code: 1 to 6 capital letters or digits (incentive_level.code, IEP_LEVEL reference codes).</summary>
    public static bool IsLevelCode(string? text) => text is not null && LevelCodePattern().IsMatch(text);

    [GeneratedRegex("^[A-Z0-9]{2,6}$")]
    private static partial Regex PrisonIdPattern();

    [GeneratedRegex("^[A-Z0-9]{1,6}$")]
    private static partial Regex LevelCodePattern();
}
