namespace OrleansSync.Api.Tests.Corpus;

/// <summary>
/// A valid body for each write endpoint that takes one (by OpenAPI operation id), so the corpus can
/// spoil one field at a time, and the fields the endpoint requires, so it can leave each out. An
/// endpoint missing here still gets every <see cref="BadBodies.Generic"/> body.
/// </summary>
public static class ValidBodies
{
    public sealed record Template(IReadOnlyList<(string Name, string Json)> Fields, IReadOnlyList<string> Required);

    public static readonly IReadOnlyDictionary<string, Template> ByOperation = new Dictionary<string, Template>(StringComparer.Ordinal)
    {
        ["CreateIncentiveReview"] = new(
            [("iepLevel", "\"STD\""), ("comment", "\"Good behaviour\""), ("reviewType", "\"REVIEW\""), ("reviewTime", "\"2026-01-01T10:00:00\""), ("reviewedBy", "\"USER_1\"")],
            ["iepLevel", "comment"]),
        ["RegisterControllableUnit"] = new(
            [("id", "\"6f2c1c4e-0d3b-4d8e-9f1a-2b3c4d5e6f70\""), ("gsrn", "\"571313100000000000\""), ("startDate", "\"2026-01-01\""), ("status", "\"active\"")],
            ["gsrn", "startDate"]),
        ["StartIncentivesMigration"] = new([("fromDate", "\"2026-01-01\""), ("toDate", "\"2026-01-02\"")], []),
    };

    /// <summary>Path parameters' values that are well formed, for cases about something else.</summary>
    public static string PathValue(string parameter) => parameter switch
    {
        "prisonerNumber" => "A1234AA",
        "gsrn" => "571313100000000000",
        "id" => "987654321",
        _ => "x1",
    };

    /// <summary>Path identifiers (already URL-encoded) that no endpoint should take, nor fail on.</summary>
    public static IEnumerable<(string Name, string Value)> BadIdentifiers()
    {
        yield return ("NUL", "%00");
        yield return ("NUL inside", "A1234%00A");
        yield return ("control character", "A1234%01A");
        yield return ("newline", "A1234AA%0A");
        yield return ("invalid UTF-8", "%FF%FE");
        yield return ("UTF-8 encoded surrogate", "%ED%A0%80");
        yield return ("overlong UTF-8", "%C0%AF");
        yield return ("right-to-left override", "%E2%80%AEA1234AA");
        yield return ("2,000 characters", new string('A', 2000));
        yield return ("negative", "-1");
        yield return ("beyond a 64-bit integer", "99999999999999999999");
        yield return ("blank", "%20");
        yield return ("encoded slash", "..%2F..%2Fetc");
        yield return ("SQL", "1%27%3B%20drop%20table%20stream_message%3B--");
    }

    /// <summary>Query values (URL-encoded) that are wrong for any parameter.</summary>
    public static IEnumerable<(string Name, string Value)> BadQueryValues()
    {
        yield return ("NUL", "%00");
        yield return ("invalid UTF-8", "%FF");
        yield return ("not a boolean or number", "maybe");
        yield return ("beyond a 64-bit integer", "99999999999999999999");
        yield return ("3,000 characters", new string('x', 3000));
    }
}
