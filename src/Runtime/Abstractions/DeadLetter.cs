namespace OrleansSync.Runtime;

/// <summary>A stream message that failed every attempt, kept with its last error until an operator replays or discards it.</summary>
public sealed record DeadLetter(
    long Id,
    string Namespace,
    string Key,
    string Subscriber,
    string MessageId,
    string PayloadJson,
    DateTimeOffset AppendedAt,
    int Attempts,
    string? LastError,
    DateTimeOffset DeadAt);
