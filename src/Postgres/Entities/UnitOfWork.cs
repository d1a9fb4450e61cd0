using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Entities;

/// <summary>
/// A grain's fenced transaction. On commit, in one round trip with COMMIT: the fence (the entity's
/// version advances only from the version this activation read), the queued writes, the outbox
/// appends, and the consumption record of the stream messages being handled. So a delivered
/// message's effect commits exactly once, and a stale activation commits nothing.
/// </summary>
internal sealed class UnitOfWork : IUnitOfWork
{
    // Raised by entity_fence_advance (Sql/Migrations/entities) when the version moved on.
    private const string FenceConflict = "OSF01";

    private readonly EntityGrain _owner;
    private readonly StreamDelivery? _delivery;
    private readonly List<NpgsqlBatchCommand> _writes = [];
    private readonly List<StreamAppend> _published = [];
    private bool _finished;
    private bool _disposed;

    private UnitOfWork(EntityGrain owner, NpgsqlConnection connection, NpgsqlTransaction transaction, StreamDelivery? delivery)
    {
        _owner = owner;
        Connection = connection;
        Transaction = transaction;
        _delivery = delivery;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<UnitOfWork> BeginAsync(EntityGrain owner, StreamDelivery? delivery, CancellationToken cancellationToken)
    {
        var connection = await owner.Services.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new UnitOfWork(owner, connection, transaction, delivery is { Consumed: false } ? delivery : null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    public void Write(string sql, params object?[] values)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        _writes.Add(command);
    }

    public void Publish(string streamNamespace, string key, string messageId, object payload) =>
        _published.Add(new StreamAppend(streamNamespace, key, messageId, payload as string ?? JsonSerializer.Serialize(payload, payload.GetType(), StreamJson.Options)));

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var version = _owner.Version;

        // One round trip: the fence, the queued writes, the outbox, the consumption record and
        // COMMIT. Whatever fails raises (the fence and the consumption record by design), and
        // PostgreSQL then skips the rest of the batch, COMMIT included, so nothing commits unless
        // all of it held. The fence goes first: a stale activation's batch stops before its writes.
        await using var batch = new NpgsqlBatch(Connection, Transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(EntitySql.Get("AdvanceVersion"))
        {
            Parameters = { new() { Value = _owner.GrainType }, new() { Value = _owner.EntityKey }, new() { Value = version } },
        });
        foreach (var write in _writes)
        {
            batch.BatchCommands.Add(write);
        }

        if (_published.Count > 0 && _owner.Services.Producer.Prepare(_published) is { } append)
        {
            batch.BatchCommands.Add(append);
        }

        if (_delivery is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(StreamSql.Get("ConsumeOnce"))
            {
                Parameters = { new() { Value = _delivery.RowIds }, new() { Value = _owner.GrainType } },
            });
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        long advanced;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            advanced = reader.GetInt64(0);
            while (await reader.NextResultAsync(cancellationToken))
            {
                // Drain: an error of a later command (and COMMIT's outcome) surfaces here.
            }
        }
        catch (PostgresException exception) when (exception.SqlState == FenceConflict)
        {
            _owner.OnFenceConflict(version);
            throw new EntityFenceException($"{_owner.GrainType}/{_owner.EntityKey}: another activation committed since this one read version {version}; this activation is stale and deactivates.");
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "stream_consumed_pkey" })
        {
            throw new DuplicateDeliveryException($"{_owner.GrainType}/{_owner.EntityKey}: stream messages {string.Join(", ", _delivery!.RowIds)} were consumed already; rolled back.");
        }

        _finished = true;
        _owner.OnCommitted(advanced);
        if (_delivery is not null)
        {
            _delivery.Consumed = true;
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_finished)
        {
            _finished = true;
            try
            {
                await Transaction.RollbackAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                // The connection broke; PostgreSQL rolls the transaction back by itself.
            }
        }

        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
