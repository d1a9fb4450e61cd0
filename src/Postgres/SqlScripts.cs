using System.Reflection;
using System.Text.RegularExpressions;

namespace OrleansSync.Postgres;

/// <summary>
/// Named queries read from embedded .sql files, one file per table, each query introduced by a
/// <c>-- name: X</c> line. Keeping SQL in .sql files lets it be read, reviewed and run in psql as it is.
/// </summary>
public static partial class SqlScripts
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Cache = new();

    /// <summary>The query named <paramref name="name"/> in <paramref name="file"/>.sql of the assembly of <typeparamref name="TAnchor"/>.</summary>
    public static string Get<TAnchor>(string file, string name) => Get(typeof(TAnchor).Assembly, file, name);

    public static string Get(Assembly assembly, string file, string name)
    {
        var queries = Cache.GetOrAdd(assembly, Load);
        return queries.TryGetValue($"{file}.{name}", out var sql)
            ? sql
            : throw new InvalidOperationException($"No query '{name}' in {file}.sql of {assembly.GetName().Name}.");
    }

    private static Dictionary<string, string> Load(Assembly assembly)
    {
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.EndsWith(".sql", StringComparison.Ordinal) || resource.Contains(".Migrations.", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = resource.Split('.');
            var file = parts[^2];
            var text = ReadResource(assembly, resource);
            foreach (Match match in NamedQuery().Matches(text))
            {
                queries[$"{file}.{match.Groups["name"].Value}"] = match.Groups["sql"].Value.Trim();
            }
        }

        return queries;
    }

    public static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded resource {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^--\s*name:\s*(?<name>\w+)\s*$(?<sql>.*?)(?=^--\s*name:|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex NamedQuery();
}
