namespace OrleansSync.Postgres.Streams;

/// <summary>Appends messages to persistent streams. Appends are idempotent by message id within a namespace.</summary>
public interface IStreamProducer
{
    /// <summary>Appends one message; returns false when a message with that id was already appended.</summary>
    Task<bool> AppendAsync(string streamNamespace, string key, string messageId, string payloadJson, CancellationToken cancellationToken = default);

    /// <summary>Appends a batch atomically; returns how many were new (the rest were duplicates).</summary>
    Task<int> AppendBatchAsync(IReadOnlyList<StreamAppend> messages, CancellationToken cancellationToken = default);

    /// <summary>True when some grain type subscribes to the namespace.</summary>
    bool HasSubscribers(string streamNamespace);
}
