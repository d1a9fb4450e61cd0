using System.Text.Json;
using Orleans.Storage;

namespace OrleansSync.Postgres.Providers;

/// <summary>
/// Grain state as plain JSON with System.Text.Json (web defaults: camelCase names), instead of the
/// provider's default of Newtonsoft JSON with <c>$type</c> names: the stored state is readable and
/// queryable in PostgreSQL, and renaming a .NET type does not orphan it.
/// </summary>
public sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions WebDefaults = CreateWebDefaults();

    private readonly JsonSerializerOptions _options;

    /// <param name="options">Serializer options; <see cref="JsonSerializerDefaults.Web"/> when null.</param>
    public SystemTextJsonGrainStorageSerializer(JsonSerializerOptions? options = null) => _options = options ?? WebDefaults;

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options);
    }

    private static JsonSerializerOptions CreateWebDefaults()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
