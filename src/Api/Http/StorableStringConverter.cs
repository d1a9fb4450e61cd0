using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSync.Api.Http;

/// <summary>
/// Reads request-body strings for the minimal API endpoints and refuses those PostgreSQL cannot store
/// (a NUL character) or that are not Unicode (invalid UTF-8, a lone surrogate escape) with a
/// <see cref="JsonException"/>: binding then fails with 400 naming the field's path
/// (<see cref="ApiExceptionHandler"/>), before the handler runs, instead of a 500 from the insert.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Must be a string, not {reader.TokenType.ToString().ToLowerInvariant()}.");
        }

        return Storable(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Storable(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Storable(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException(StorableJson.InvalidTextReason);
        }

        return StorableJson.ProblemOf(text) is { } reason ? throw new JsonException(reason) : text;
    }
}
