using System.Text.Json;

namespace OrleansSync.Postgres.Streams;

/// <summary>One message of a persistent stream as delivered to a subscriber.</summary>
/// <param name="RowId">The message's row: what a consumer records as consumed.</param>
/// <param name="Attempt">1 on first delivery; counts this activation's tries of the message.</param>
/// <param name="MayBeRedelivered">Read after a queue changed owner, so a consumer may have committed it already.</param>
/// <param name="Consumer">Set on a replayed dead letter: only this grain type takes it.</param>
/// <param name="Queue">The queue it was read from.</param>
/// <param name="Transaction">The id of the transaction that appended it: with <paramref name="RowId"/>, its place in the queue.</param>
/// <param name="PreviousRowId">The stream's message the reader passed just before this one, when it knows (null after it started).</param>
[GenerateSerializer, Immutable]
public sealed record StreamEvent(
    long RowId,
    string Namespace,
    string Key,
    string MessageId,
    string PayloadJson,
    DateTimeOffset AppendedAt,
    int Attempt = 1,
    bool MayBeRedelivered = false,
    string? Consumer = null,
    int Queue = 0,
    ulong Transaction = 0,
    long? PreviousRowId = null)
{
    public T Payload<T>() => JsonSerializer.Deserialize<T>(PayloadJson, StreamJson.Options)
        ?? throw new JsonException($"Stream message {MessageId} has a null payload.");
}
