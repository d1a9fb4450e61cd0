namespace OrleansSync.Postgres.Entities;

/// <summary>
/// One PostgreSQL transaction of an entity's grain: its domain rows, the events it raises (the
/// outbox) and the record of the stream messages it is consuming commit together or not at all,
/// and only while the entity's version is still the one this activation read.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    NpgsqlConnection Connection { get; }

    NpgsqlTransaction Transaction { get; }

    /// <summary>Creates a command bound to this transaction.</summary>
    NpgsqlCommand CreateCommand(string sql);

    /// <summary>
    /// Queues a write whose outcome the grain does not need before it commits (a current row, a history row): it is sent
    /// with the commit, in the round trip of the fence and COMMIT, so a unit of work that writes only this way costs one
    /// round trip. Queued writes run in the order queued, after every command the grain ran itself, which do not see them.
    /// One that fails fails <see cref="CommitAsync"/> with its <see cref="PostgresException"/>, and nothing of the unit of
    /// work commits. Parameters are positional ($1, $2, ...); a null value is SQL NULL.
    /// </summary>
    void Write(string sql, params object?[] values);

    /// <summary>Raises an event (outbox): appended to the stream in this transaction, delivered after commit.</summary>
    void Publish(string streamNamespace, string key, string messageId, object payload);

    /// <summary>Commits; throws <see cref="EntityFenceException"/> when the activation is stale, <see cref="DuplicateDeliveryException"/> when the consumed messages were consumed already.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
