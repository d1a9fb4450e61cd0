using System.Globalization;
using System.Text.Json;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Reads fields of upstream events the way their producers write them: HMPPS test fixtures carry ids
/// as strings ("bookingId":"1234") while the real producers write numbers, so both are accepted.
/// </summary>
internal static class JsonFields
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>True when the field is absent or null.</summary>
    public static bool IsMissing(JsonElement element, string name) =>
        element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>A whole number written as a JSON number or as a string of digits.</summary>
    public static bool TryLong(JsonElement element, string name, out long result)
    {
        result = 0;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out result),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }
}
