namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// ENTSO-E Energy Identification Code (metering grid areas use EIC-Y). 16 characters; the 16th is a check
/// character over the first 15: values 0-9, A-Z = 10-35, '-' = 36, weights 16..2, check = 36 - ((sum - 1) % 37).
/// Verified against published codes such as 10YNO-1--------2 and 10Y1001A1001A48H.
/// </summary>
public static class EicCode
{
    public const int Length = 16;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    /// <summary>Null when the check character would be '-', which the EIC scheme does not allow.</summary>
    public static char? ComputeCheckCharacter(ReadOnlySpan<char> first15)
    {
        if (first15.Length != Length - 1)
        {
            throw new ArgumentException("An EIC payload is 15 characters.", nameof(first15));
        }

        var sum = 0;
        for (var i = 0; i < first15.Length; i++)
        {
            var value = Alphabet.IndexOf(first15[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first15[i]}' is not an EIC character.", nameof(first15));
            }

            sum += value * (Length - i);
        }

        var check = Alphabet[36 - ((sum - 1) % 37)];
        return check == '-' ? null : check;
    }

    public static bool IsValid(string? code) =>
        code is { Length: Length }
        && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal))
        && ComputeCheckCharacter(code.AsSpan(0, Length - 1)) == code[Length - 1];

    /// <summary>A random valid EIC-Y code with the Norwegian issuing office prefix 50Y.</summary>
    public static string GenerateY(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var payload = "50Y" + string.Concat(Enumerable.Range(0, 12).Select(_ => Alphabet[random.Next(36)]));
            if (ComputeCheckCharacter(payload) is { } check)
            {
                return payload + check;
            }
        }
    }
}
