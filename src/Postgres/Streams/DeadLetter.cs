namespace OrleansSync.Postgres.Streams;

/// <summary>A stream message a consumer failed on every attempt, kept with its last error until an operator replays or discards it.</summary>
/// <param name="Subscriber">The consuming grain type, or <see cref="AnyConsumer"/> when delivery failed before any consumer ran.</param>
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
    DateTimeOffset DeadAt)
{
    public const string AnyConsumer = "*";
}
