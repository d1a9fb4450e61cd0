using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// Java <c>LocalDateTime</c> as Jackson writes it with ISO_LOCAL_DATE_TIME: no zone, seconds always, fraction
/// only when non-zero with trailing zeros dropped ("2021-10-06T15:53:00", "…:22.123456"). Input accepts what
/// Spring accepts, including minute precision ("2021-11-04T13:04", as in the create-incentive fixture) and up
/// to nine fractional digits (truncated to .NET's seven).
/// </summary>
public sealed partial class NomisLocalDateTimeConverter : JsonConverter<DateTime>
{
    public static string Format(DateTime value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTime value)
    {
        value = default;
        var match = text is null ? null : LocalDateTimePattern().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        int Part(int group) => match.Groups[group].Success
            ? int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;

        try
        {
            value = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), DateTimeKind.Unspecified);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        if (match.Groups[7].Success)
        {
            var fraction = match.Groups[7].Value.PadRight(7, '0')[..7];
            value = value.AddTicks(long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return true;
    }

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a local date-time (yyyy-MM-ddTHH:mm[:ss[.fffffffff]]).");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalDateTimePattern();
}
