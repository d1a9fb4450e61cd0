namespace OrleansSync.Runtime;

/// <summary>
/// One fenced PostgreSQL transaction of a grain: its own relational rows, its persistent state and
/// the events it raises commit together or not at all, and only while this silo still holds the
/// grain's partition lease at the epoch the activation was created under.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    NpgsqlConnection Connection { get; }

    NpgsqlTransaction Transaction { get; }

    /// <summary>Creates a command bound to this transaction.</summary>
    NpgsqlCommand CreateCommand(string sql);

    /// <summary>Raises an event (outbox): appended to the stream in this transaction, delivered after commit.</summary>
    void Publish(string streamNamespace, string key, string messageId, object payload);

    Task CommitAsync(CancellationToken cancellationToken = default);
}
