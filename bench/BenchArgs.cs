namespace OrleansSync.Bench;

/// <summary>The scenario name and its <c>--name value</c> flags.</summary>
public sealed class BenchArgs(string scenario, IReadOnlyDictionary<string, string> flags)
{
    public string Scenario { get; } = scenario;

    public static BenchArgs Parse(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs after the scenario, got '{args[i]}'.");
            }

            flags[args[i][2..]] = args[++i];
        }

        return new BenchArgs(args.Length > 0 ? args[0] : "", flags);
    }

    public int Int(string name, int fallback) => flags.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => flags.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
