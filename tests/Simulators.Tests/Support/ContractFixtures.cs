using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansSync.Simulators.Tests.Support;

/// <summary>
/// The contract fixtures in ../shared/contracts next to the repository (the folder holding OrleansSync.sln),
/// found by walking up from the test binaries, so the tests run from any output path.
/// </summary>
internal static class ContractFixtures
{
    private static readonly Lazy<string> Root = new(FindContractsRoot);

    public static string Read(string relativePath)
    {
        var path = Path.Combine(Root.Value, relativePath);
        File.Exists(path).Should().BeTrue($"contract fixture {path} must exist");
        return File.ReadAllText(path);
    }

    public static JsonElement Element(string relativePath)
    {
        using var document = JsonDocument.Parse(Read(relativePath));
        return document.RootElement.Clone();
    }

    public static JsonNode Node(string relativePath) => JsonNode.Parse(Read(relativePath))!;

    private static string FindContractsRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansSync.sln")))
            {
                var contracts = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "contracts"));
                if (Directory.Exists(contracts))
                {
                    return contracts;
                }

                throw new InvalidOperationException($"Found {dir.FullName}/OrleansSync.sln but no {contracts}.");
            }
        }

        throw new InvalidOperationException($"No OrleansSync.sln above {AppContext.BaseDirectory}.");
    }
}
