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

    /// <summary>Raises an event (outbox): appended to the stream in this transaction, delivered after commit.</summary>
    void Publish(string streamNamespace, string key, string messageId, object payload);

    /// <summary>Commits; throws <see cref="EntityFenceException"/> when the activation is stale, <see cref="DuplicateDeliveryException"/> when the consumed messages were consumed already.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
