namespace OrleansSync.Postgres.Entities;

/// <summary>The stream messages a grain is handling in the current turn; the first unit of work that commits records them consumed.</summary>
internal sealed class StreamDelivery(long[] rowIds)
{
    public long[] RowIds { get; } = rowIds;

    public bool Consumed { get; set; }
}
