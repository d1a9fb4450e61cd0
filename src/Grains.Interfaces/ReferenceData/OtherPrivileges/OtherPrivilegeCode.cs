using System.Text.RegularExpressions;

namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>The format of an other-privilege code and description, as NOMIS' REFERENCE_CODES holds them.</summary>
public static partial class OtherPrivilegeCode
{
    /// <summary>REFERENCE_CODES.DESCRIPTION is 40 characters.</summary>
    public const int MaxDescriptionLength = 40;

    /// <summary>1 to 12 capital letters, digits or underscores (REFERENCE_CODES.CODE is 12 characters).</summary>
    public static bool IsValid(string? text) => text is not null && Pattern().IsMatch(text);

    [GeneratedRegex("^[A-Z0-9_]{1,12}$")]
    private static partial Regex Pattern();
}
