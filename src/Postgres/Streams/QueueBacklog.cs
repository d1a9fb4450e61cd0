namespace OrleansSync.Postgres.Streams;

/// <summary>One queue's undelivered messages (past its checkpoint) and the age of the oldest, in seconds.</summary>
public sealed record QueueBacklog(int Queue, long Pending, double LagSeconds);
