namespace OrleansSync.Runtime.Streams;

/// <summary>The stream row being delivered in this turn; the turn's unit of work marks it processed in its own transaction.</summary>
internal sealed class StreamCheckpoint(long messageRowId)
{
    public long MessageRowId { get; } = messageRowId;

    public bool Consumed { get; set; }
}
