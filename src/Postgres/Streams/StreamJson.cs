using System.Text.Json;

namespace OrleansSync.Postgres.Streams;

/// <summary>The one JSON configuration of stream payloads (the outbox and the gateway write them, subscribers read them).</summary>
public static class StreamJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
