namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// GSRN (Global Service Relation Number), the accounting point's business id: 18 digits, no leading zero,
/// and a GS1 mod-10 check digit. The same rules as FIS' <c>flex.validate_business_id(…,'gsrn')</c>; each
/// failure names the rule broken so a 400 can say what is wrong, not just that something is.
/// </summary>
public static class Gsrn
{
    public const int Length = 18;

    public static bool IsValid(string? gsrn) => Validate(gsrn) is null;

    /// <summary>Null when <paramref name="gsrn"/> is a valid GSRN, otherwise the rule it breaks.</summary>
    public static string? Validate(string? gsrn)
    {
        if (string.IsNullOrEmpty(gsrn))
        {
            return "GSRN is required";
        }

        if (gsrn.Length != Length || !gsrn.All(char.IsAsciiDigit))
        {
            return $"GSRN must be exactly {Length} digits (got {Describe(gsrn)})";
        }

        if (gsrn[0] == '0')
        {
            return "GSRN must not start with 0";
        }

        var expected = CheckDigit(gsrn.AsSpan(0, Length - 1));
        var actual = gsrn[Length - 1] - '0';
        return actual == expected
            ? null
            : $"GSRN check digit is {actual} but the GS1 mod-10 check digit of the first 17 digits is {expected}";
    }

    /// <summary>
    /// GS1 mod-10: from the rightmost digit of <paramref name="payload"/> leftwards, weights 3, 1, 3, …;
    /// the check digit is (10 - sum % 10) % 10.
    /// </summary>
    public static int CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("A GS1 payload is digits only.", nameof(payload));
            }

            sum += digit * (i % 2 == 0 ? 3 : 1);
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Appends the check digit to a 17-digit payload (tests and tools).</summary>
    public static string Create(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length != Length - 1 || payload[0] == '0' || !payload.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A GSRN payload is 17 digits without a leading zero.", nameof(payload));
        }

        return payload + (char)('0' + CheckDigit(payload));
    }

    private static string Describe(string value) =>
        value.All(char.IsAsciiDigit) ? $"{value.Length} digits" : $"{value.Length} characters, not all digits";
}
