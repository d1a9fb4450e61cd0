using System.Text.Json;

namespace OrleansSync.Simulators.Tests.Support;

/// <summary>
/// Compares the shape of two JSON documents: the same property names (case-sensitive) at every level, with
/// values of the same JSON kind. Array items are compared against the expected array's first item.
/// <paramref name="allowedExtra"/> names optional members a fixture happens not to show; <paramref name="nullable"/>
/// names members the contract declares nullable, which may be null where the fixture has a value.
/// </summary>
internal static class JsonShape
{
    public static void ShouldMatch(JsonElement actual, JsonElement expected, IEnumerable<string>? allowedExtra = null, IEnumerable<string>? nullable = null)
    {
        var problems = new List<string>();
        Compare(
            actual,
            expected,
            "$",
            new HashSet<string>(allowedExtra ?? [], StringComparer.Ordinal),
            new HashSet<string>(nullable ?? [], StringComparer.Ordinal),
            problems);
        problems.Should().BeEmpty($"the response must have the fixture's shape; actual: {actual.GetRawText()}");
    }

    private static void Compare(JsonElement actual, JsonElement expected, string path, HashSet<string> allowedExtra, HashSet<string> nullable, List<string> problems)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        if (actual.ValueKind == JsonValueKind.Null && nullable.Contains(name))
        {
            return;
        }

        if (Kind(actual.ValueKind) != Kind(expected.ValueKind))
        {
            problems.Add($"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var value))
                    {
                        problems.Add($"{path}.{property.Name}: missing");
                        continue;
                    }

                    Compare(value, property.Value, $"{path}.{property.Name}", allowedExtra, nullable, problems);
                }

                foreach (var extra in actualNames.Where(n => !expected.TryGetProperty(n, out _) && !allowedExtra.Contains(n)))
                {
                    problems.Add($"{path}.{extra}: not in the fixture");
                }

                break;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() > 0)
                {
                    var index = 0;
                    foreach (var item in actual.EnumerateArray())
                    {
                        Compare(item, expected[0], $"{path}[{index++}]", allowedExtra, nullable, problems);
                    }
                }

                break;
        }
    }

    private static JsonValueKind Kind(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;
}
