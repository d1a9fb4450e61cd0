namespace OrleansSync.Runtime;

/// <summary>
/// A grain's durable state, stored as jsonb with a version that works as an ETag: a write based on
/// a stale version fails with <see cref="InconsistentStateException"/> and deactivates the grain.
/// Inside a unit of work, writes and clears join its transaction.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>The stored version, or null if nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    Task WriteStateAsync();

    Task ClearStateAsync();
}
