using System.Text.Json;

namespace OrleansSync.Grains.Tests.Incentives.Support;

/// <summary>The HMPPS contract payloads in ../shared/contracts/hmpps, read as they are.</summary>
internal static class HmppsFixtures
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("The tests must run inside the repository (OrleansSync.sln not found).");
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "contracts", "hmpps"));
    });

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder.Value, name));

    public static JsonElement Element(string name)
    {
        using var document = JsonDocument.Parse(Text(name));
        return document.RootElement.Clone();
    }

    /// <summary>The event inside an SNS envelope fixture, as the gateway hands it to a classifier.</summary>
    public static JsonElement SnsMessage(string name)
    {
        using var document = JsonDocument.Parse(Element(name).GetProperty("Message").GetString()!);
        return document.RootElement.Clone();
    }

    /// <summary>Top-level property names, in order.</summary>
    public static IReadOnlyList<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
