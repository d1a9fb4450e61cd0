using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Cluster;

/// <summary>
/// The proof every durable write carries: inside its transaction, the partition's lease row is
/// locked FOR SHARE and must still name this silo at the expected epoch. A silo that lost the
/// lease, even one that does not know yet, can therefore never commit.
/// </summary>
internal sealed class Fence(SiloIdentity silo, OwnedPartitions owned, ILogger<Fence> logger)
{
    public async Task CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int partition, long epoch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RuntimeSql.Leases("FenceCheck"), connection, transaction).With(partition, silo.Id);
        Verify(partition, epoch, await command.ExecuteScalarAsync(cancellationToken) as long?);
    }

    /// <summary>
    /// The check as a batch command, for a unit of work to send with its last statements just
    /// before COMMIT (one round trip instead of two); <see cref="Verify"/> then reads its result.
    /// Checking last is as safe as checking first: the row lock is held from then until commit.
    /// </summary>
    public NpgsqlBatchCommand Command(int partition)
    {
        var command = new NpgsqlBatchCommand(RuntimeSql.Leases("FenceCheck"));
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        command.Parameters.Add(new NpgsqlParameter { Value = silo.Id });
        return command;
    }

    /// <summary>Throws <see cref="LeaseLostException"/> (and drops the partition locally) unless the lease is held at <paramref name="epoch"/>.</summary>
    public void Verify(int partition, long epoch, long? held)
    {
        if (held == epoch)
        {
            return;
        }

        logger.LogWarning("Silo {SiloId} is fenced out of partition {Partition} at epoch {Epoch}; deactivating its grains", silo.Id, partition, epoch);
        _ = owned.RemoveAsync(partition, epoch);
        throw new LeaseLostException(partition, epoch);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction fenced on the partition, and commits it.</summary>
    public async Task RunAsync(NpgsqlDataSource dataSource, int partition, long epoch, Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CheckAsync(connection, transaction, partition, epoch, cancellationToken);
        await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
    }
}
