namespace OrleansSync.Postgres.Streams;

/// <summary>A page of dead letters: optionally one namespace or key, ids after <see cref="After"/> (keyset paging).</summary>
public sealed record DeadLetterQuery(string? Namespace = null, string? Key = null, long? After = null, int Limit = 100);
