using System.Text.Json;

namespace OrleansSync.Api.Http;

/// <summary>
/// Finds what PostgreSQL would refuse in a JSON document that otherwise parsed: a NUL character
/// (<c>\u0000</c>; jsonb and text cannot hold it, 22P05), and text that cannot be read as Unicode
/// (invalid UTF-8 inside a string, or a lone surrogate escape such as <c>\uD800</c>). The parser lets
/// these through, so without this check they surface as a failed insert: a 500 after part of the
/// request may have been handled. Property names are checked as well as values.
/// </summary>
public static class StorableJson
{
    public const string NulReason = "Must not contain the NUL character (\\u0000): it cannot be stored.";

    public const string InvalidTextReason = "Is not valid Unicode text (invalid UTF-8, or a lone surrogate escape such as \\uD800).";

    /// <summary>The first problem: its path below the root ("" for the root, else e.g. "detail.items[2].name") and the reason; null when the document can be stored.</summary>
    public static (string Path, string Reason)? FindProblem(JsonElement element) => Find(element, "");

    /// <summary>Why a string read from JSON (a value or property name) cannot be stored, or null when it can.</summary>
    public static string? ProblemOf(string text) => text.Contains('\0') ? NulReason : null;

    private static (string Path, string Reason)? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Check(element, path);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return (path.Length == 0 ? "(property name)" : path + ".(property name)", InvalidTextReason);
                    }

                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (ProblemOf(name) is { } reason)
                    {
                        return (child.Replace("\0", "\\u0000", StringComparison.Ordinal), reason);
                    }

                    if (Find(property.Value, child) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index++}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static (string Path, string Reason)? Check(JsonElement value, string path)
    {
        try
        {
            return ProblemOf(value.GetString()!) is { } reason ? (path, reason) : null;
        }
        catch (InvalidOperationException)
        {
            return (path, InvalidTextReason);
        }
    }
}
