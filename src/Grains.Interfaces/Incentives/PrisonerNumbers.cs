using System.Text.RegularExpressions;

namespace OrleansSync.Grains.Incentives;

/// <summary>NOMS numbers (prisoner numbers), e.g. A1234AA: a letter, four digits, two letters.</summary>
public static partial class PrisonerNumbers
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    // \z, not $: "$" also matches before a final newline, which would let "A1234AA\n" through.
    [GeneratedRegex(@"^[A-Z][0-9]{4}[A-Z]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
