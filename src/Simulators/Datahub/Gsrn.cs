namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// GSRN (Global Service Relation Number): 18 digits, no leading zero, last digit a GS1 mod-10 check digit.
/// Mirrors FIS' <c>flex.validate_business_id(…,'gsrn')</c> and Kotlin <c>GSRN.parse</c>, including their
/// error texts, so what the simulator accepts is what FIS accepts.
/// </summary>
public static class Gsrn
{
    public const int Length = 18;

    /// <summary>Elhub's Norwegian GSRN company prefix, used for generated points.</summary>
    public const string ElhubPrefix = "707057500";

    public static bool IsValid(string? gsrn) => Validate(gsrn) is null;

    /// <summary>Null when valid, otherwise the reason FIS gives.</summary>
    public static string? Validate(string? gsrn)
    {
        if (gsrn is null || gsrn.Length != Length || !gsrn.All(char.IsAsciiDigit))
        {
            return "GSRN must have 18 digits";
        }

        if (gsrn[0] == '0')
        {
            return "GSRN must start with a non-zero digit";
        }

        return ComputeGs1CheckDigit(gsrn.AsSpan(0, Length - 1)) == gsrn[Length - 1] - '0' ? null : "Invalid GS1";
    }

    /// <summary>
    /// GS1 mod-10 over the digits before the check digit: from the rightmost one leftwards, weights 3,1,3,…;
    /// check = (10 - sum % 10) % 10. The same algorithm serves GLNs (13 digits) and GTINs.
    /// </summary>
    public static int ComputeGs1CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("GS1 payload must be digits only.", nameof(payload));
            }

            sum += digit * (i % 2 == 0 ? 3 : 1);
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Appends the check digit to a 17-digit payload.</summary>
    public static string Create(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length != Length - 1 || payload[0] == '0' || !payload.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A GSRN payload is 17 digits without a leading zero.", nameof(payload));
        }

        return payload + (char)('0' + ComputeGs1CheckDigit(payload));
    }

    /// <summary>A random valid GSRN under <paramref name="prefix"/> (digits, 1..17 long, no leading zero).</summary>
    public static string Generate(Random random, string prefix = ElhubPrefix)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(prefix);
        var chars = new char[Length - 1];
        prefix.CopyTo(chars);
        for (var i = prefix.Length; i < chars.Length; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return Create(new string(chars));
    }
}
