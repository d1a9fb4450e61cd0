namespace OrleansSync.Grains.Incentives;

/// <summary>Incentive level codes and names (incentive-levels-with-inactive-response.json).</summary>
public static class IncentiveLevels
{
    /// <summary>Every level a review may carry, including the inactive Entry level NOMIS history still holds.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BAS"] = "Basic",
        ["ENT"] = "Entry",
        ["STD"] = "Standard",
        ["ENH"] = "Enhanced",
        ["EN2"] = "Enhanced 2",
        ["EN3"] = "Enhanced 3",
    };

    /// <summary>The levels a new review may be given (CreateIncentiveReviewRequest: BAS|STD|ENH|EN2|EN3).</summary>
    public static IReadOnlySet<string> Active { get; } = new HashSet<string>(["BAS", "STD", "ENH", "EN2", "EN3"], StringComparer.Ordinal);

    public static bool IsKnown(string code) => Names.ContainsKey(code);

    public static string NameOf(string code) => Names.TryGetValue(code, out var name) ? name : code;
}
