namespace OrleansSync.Runtime.Streams;

/// <summary>The stream rows being delivered in this turn; the turn's unit of work marks them processed in its own transaction.</summary>
internal sealed class StreamCheckpoint(IReadOnlyList<long> messageRowIds)
{
    public IReadOnlyList<long> MessageRowIds { get; } = messageRowIds;

    public bool Consumed { get; set; }
}
