using OrleansSync.Runtime.Activations;
using OrleansSync.Runtime.Storage;
using OrleansSync.Runtime.Streams;

namespace OrleansSync.Runtime.State;

/// <summary>
/// A grain's fenced transaction. On commit, in the same transaction and one round trip: the lease
/// check (fencing), the events published to streams (the outbox) and, when the turn is a stream
/// delivery, the message's checkpoint: so a delivered message's effect commits exactly once, and
/// a redelivery finds it done and rolls back.
/// </summary>
internal sealed class UnitOfWork : IUnitOfWork
{
    private readonly ActivationContext _context;
    private readonly StreamCheckpoint? _checkpoint;
    private readonly List<StreamAppend> _published = [];
    private readonly Dictionary<object, (long Version, Action<long> Apply)> _pendingVersions = [];
    private bool _finished;
    private bool _disposed;

    private UnitOfWork(ActivationContext context, NpgsqlConnection connection, NpgsqlTransaction transaction, StreamCheckpoint? checkpoint)
    {
        _context = context;
        Connection = connection;
        Transaction = transaction;
        _checkpoint = checkpoint;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<UnitOfWork> BeginAsync(ActivationContext context, StreamCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        var connection = await context.Services.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new UnitOfWork(context, connection, transaction, checkpoint is { Consumed: false } ? checkpoint : null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    public void Publish(string streamNamespace, string key, string messageId, object payload) =>
        _published.Add(new StreamAppend(streamNamespace, key, messageId, payload as string ?? JsonSerializer.Serialize(payload, payload.GetType(), RuntimeJson.Options)));

    internal long? PendingVersion(object state) => _pendingVersions.TryGetValue(state, out var pending) ? pending.Version : null;

    internal void SetPendingVersion(object state, long version, Action<long> apply) => _pendingVersions[state] = (version, apply);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var services = _context.Services;
        await using var batch = new NpgsqlBatch(Connection, Transaction);
        batch.BatchCommands.Add(services.Fence.Command(_context.Partition));
        var append = _published.Count > 0 ? services.Streams.Prepare(_published) : null;
        if (append is not null)
        {
            batch.BatchCommands.Add(append.Insert);
            if (append.Notify is not null)
            {
                batch.BatchCommands.Add(append.Notify);
            }
        }

        NpgsqlBatchCommand? checkpoint = null;
        if (_checkpoint is not null)
        {
            checkpoint = new NpgsqlBatchCommand(RuntimeSql.Streams("MarkProcessedBatch")) { Parameters = { new NpgsqlParameter { Value = _checkpoint.MessageRowIds.ToArray() } } };
            batch.BatchCommands.Add(checkpoint);
        }

        long? held;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            held = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
            while (await reader.NextResultAsync(cancellationToken))
            {
                // Drain: the remaining commands' row counts are known once their results are read.
            }
        }

        services.Fence.Verify(_context.Partition, _context.Epoch, held);
        if (checkpoint is not null && checkpoint.RecordsAffected != _checkpoint!.MessageRowIds.Count)
        {
            throw new DuplicateDeliveryException(_checkpoint.MessageRowIds);
        }

        await Transaction.CommitAsync(cancellationToken);
        _finished = true;
        if (_checkpoint is not null)
        {
            _checkpoint.Consumed = true;
        }

        foreach (var (version, apply) in _pendingVersions.Values)
        {
            apply(version);
        }

        if (append is not null)
        {
            services.Streams.Signal(append.Partitions);
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
        if (_context.CurrentUnitOfWork == this)
        {
            _context.CurrentUnitOfWork = null;
        }

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
