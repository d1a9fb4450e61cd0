using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The adapter's <c>accounting_point</c> schema as received. Lenient on purpose: every member is nullable
/// so a bad document reaches <see cref="AdapterDocumentReader"/>, which names each problem, instead of
/// failing deserialization with one cryptic message. Latitude and longitude remember whether their keys
/// were present at all (absent keeps the stored location; null clears it).
/// </summary>
public sealed class AdapterAccountingPoint
{
    private readonly double? _latitude;
    private readonly double? _longitude;

    [JsonPropertyName("gsrn")]
    public string? Gsrn { get; init; }

    [JsonPropertyName("end_user")]
    public IReadOnlyList<AdapterEndUser?>? EndUser { get; init; }

    [JsonPropertyName("energy_supplier")]
    public IReadOnlyList<AdapterPeriod?>? EnergySupplier { get; init; }

    [JsonPropertyName("metering_grid_area")]
    public IReadOnlyList<AdapterPeriod?>? MeteringGridArea { get; init; }

    /// <summary>Received but not persisted, as in FIS.</summary>
    [JsonPropertyName("energy_direction")]
    public JsonElement? EnergyDirection { get; init; }

    [JsonPropertyName("latitude")]
    public double? Latitude
    {
        get => _latitude;
        init
        {
            _latitude = value;
            HasLocationKeys = true;
        }
    }

    [JsonPropertyName("longitude")]
    public double? Longitude
    {
        get => _longitude;
        init
        {
            _longitude = value;
            HasLocationKeys = true;
        }
    }

    /// <summary>True when the document had a latitude or longitude key (even with null).</summary>
    [JsonIgnore]
    public bool HasLocationKeys { get; init; }
}

/// <summary>An <c>energy_supplier</c> or <c>metering_grid_area</c> entry.</summary>
public class AdapterPeriod
{
    [JsonPropertyName("business_id")]
    public string? BusinessId { get; init; }

    [JsonPropertyName("valid_from")]
    [JsonConverter(typeof(AdapterDateTimeConverter))]
    public DateTimeOffset? ValidFrom { get; init; }

    [JsonPropertyName("valid_to")]
    [JsonConverter(typeof(AdapterDateTimeConverter))]
    public DateTimeOffset? ValidTo { get; init; }
}

public sealed class AdapterEndUser : AdapterPeriod
{
    [JsonPropertyName("entity_type")]
    public string? EntityType { get; init; }
}

/// <summary>
/// RFC 3339 date-times with an offset ("Z" or ±hh:mm). An offset-less value would be read in this host's
/// time zone, silently shifting a period, so it is refused.
/// </summary>
public sealed partial class AdapterDateTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null
            && Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 date-time with an offset.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } instant)
        {
            writer.WriteStringValue(instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
