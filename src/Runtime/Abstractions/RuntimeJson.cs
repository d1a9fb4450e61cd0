namespace OrleansSync.Runtime;

/// <summary>The one JSON configuration used for state, stream payloads and remote calls.</summary>
public static class RuntimeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
