namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Where a queue's reader stands: the (transaction, row id) of the last message passed. Messages
/// are read in this order (see the stream_message table), so a position never has to move back;
/// positions are compared in SQL, as (tx, id) row values.
/// </summary>
public readonly record struct StreamPosition(ulong Transaction, long RowId)
{
    public static StreamPosition Start => default;
}
