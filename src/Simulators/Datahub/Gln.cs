namespace OrleansSync.Simulators.Datahub;

/// <summary>GLN (energy supplier business id): 13 digits, no leading zero, GS1 mod-10 check digit.</summary>
public static class Gln
{
    public const int Length = 13;

    public static bool IsValid(string? gln) =>
        gln is { Length: Length }
        && gln[0] != '0'
        && gln.All(char.IsAsciiDigit)
        && Gsrn.ComputeGs1CheckDigit(gln.AsSpan(0, Length - 1)) == gln[Length - 1] - '0';

    /// <summary>A random valid GLN in the Norwegian GS1 range 70…</summary>
    public static string Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var payload = "70" + string.Concat(Enumerable.Range(0, Length - 3).Select(_ => (char)('0' + random.Next(10))));
        return payload + (char)('0' + Gsrn.ComputeGs1CheckDigit(payload));
    }
}
