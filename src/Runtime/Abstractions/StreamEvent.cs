namespace OrleansSync.Runtime;

/// <summary>One message of a persistent stream as delivered to a subscriber.</summary>
public sealed record StreamEvent(
    string Namespace,
    string Key,
    string MessageId,
    string PayloadJson,
    DateTimeOffset AppendedAt,
    int Attempt)
{
    public T Payload<T>() => JsonSerializer.Deserialize<T>(PayloadJson, RuntimeJson.Options)
        ?? throw new JsonException($"Stream message {MessageId} has a null payload.");
}
