using System.Text.RegularExpressions;

namespace OrleansSync.Api.OpenApi;

/// <summary>
/// Rewrites what the XML-comment generator makes of a <c>&lt;see cref="Property"/&gt;</c>, C# text such as
/// "string? CreateIncentiveReviewRequest.IepLevel" or "long ClusterTotals.Calls", into the JSON field
/// name a client sees (<c>`iepLevel`</c>), so a doc comment may keep its cref and the document still
/// reads as prose.
/// </summary>
internal static partial class CSharpReferenceText
{
    public static string? Rewrite(string? text) =>
        text is null ? null : Reference().Replace(text, match => $"`{char.ToLowerInvariant(match.Groups["member"].Value[0])}{match.Groups["member"].Value[1..]}`");

    public static bool Contains(string? text) => text is not null && Reference().IsMatch(text);

    // A type (a keyword or a capitalised name, perhaps generic, an array and/or nullable), a space, then Type.Member.
    [GeneratedRegex(@"\b(?:[A-Za-z][\w.]*(?:<[^<>\s]+>)?(?:\[\])?\??)\s+[A-Z]\w*\.(?<member>[A-Z]\w*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
