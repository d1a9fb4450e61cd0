namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Where a queue's reader stands: the (transaction, row id) of the last message passed. Messages
/// are read in this order (see the stream_message table), so a position never has to move back.
/// </summary>
public readonly record struct StreamPosition(ulong Transaction, long RowId) : IComparable<StreamPosition>
{
    public static StreamPosition Start => default;

    public int CompareTo(StreamPosition other) =>
        Transaction != other.Transaction ? Transaction.CompareTo(other.Transaction) : RowId.CompareTo(other.RowId);

    public static bool operator <(StreamPosition left, StreamPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamPosition left, StreamPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamPosition left, StreamPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamPosition left, StreamPosition right) => left.CompareTo(right) >= 0;
}
