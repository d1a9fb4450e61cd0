namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// End-user business ids: organisation numbers (9 digits, mod-11) and birth numbers (11 digits, two mod-11
/// check digits). Birth numbers are <em>synthetic</em> (month + 80, the Norwegian test-data convention), so
/// generated data can never coincide with a real person while still passing the contract's pattern and checks.
/// </summary>
public static class NorwegianIds
{
    private static readonly int[] OrgWeights = [3, 2, 7, 6, 5, 4, 3, 2];
    private static readonly int[] K1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    public static string OrganisationNumber(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var digits = new int[9];
            digits[0] = 8 + random.Next(2); // real ones start with 8 or 9
            for (var i = 1; i < 8; i++)
            {
                digits[i] = random.Next(10);
            }

            if (Mod11(digits, OrgWeights) is { } check)
            {
                digits[8] = check;
                return string.Concat(digits);
            }
        }
    }

    public static string SyntheticBirthNumber(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(365 * 65));
            // Individual numbers 000-499 belong to births 1900-1999, 500-999 to 2000-2039.
            var individual = birth.Year < 2000 ? random.Next(500) : 500 + random.Next(500);
            var text = $"{birth.Day:D2}{birth.Month + 80:D2}{birth.Year % 100:D2}{individual:D3}";
            var digits = text.Select(c => c - '0').Append(0).Append(0).ToArray();
            if (Mod11(digits, K1Weights) is not { } k1)
            {
                continue;
            }

            digits[9] = k1;
            if (Mod11(digits, K2Weights) is not { } k2)
            {
                continue;
            }

            digits[10] = k2;
            return string.Concat(digits);
        }
    }

    private static int? Mod11(int[] digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += digits[i] * weights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }
}
