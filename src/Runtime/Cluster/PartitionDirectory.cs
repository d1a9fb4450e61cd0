using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Cluster;

/// <summary>
/// Which silo serves each partition, as far as this process knows: a snapshot of the lease table,
/// refreshed when a lookup misses or a silo answers "not owner", at most every <see cref="MinRefresh"/>.
/// Stale entries cost one extra hop, never a wrong result: the receiving silo checks ownership.
/// </summary>
internal sealed class PartitionDirectory(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan MinRefresh = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile IReadOnlyDictionary<int, PartitionOwner> _owners = new Dictionary<int, PartitionOwner>();
    private long _refreshedAt;

    public async Task<PartitionOwner?> OwnerOfAsync(int partition, bool refresh, CancellationToken cancellationToken)
    {
        if (refresh || !_owners.ContainsKey(partition))
        {
            await RefreshAsync(cancellationToken);
        }

        return _owners.TryGetValue(partition, out var owner) ? owner : null;
    }

    public IReadOnlyDictionary<int, PartitionOwner> Snapshot => _owners;

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (_refreshedAt != 0 && time.GetElapsedTime(_refreshedAt) < MinRefresh)
            {
                return;
            }

            await using var command = dataSource.CreateCommand(RuntimeSql.Leases("LeaseOwners"));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var owners = new Dictionary<int, PartitionOwner>();
            while (await reader.ReadAsync(cancellationToken))
            {
                owners[reader.GetInt32(0)] = new PartitionOwner(reader.GetGuid(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            }

            _owners = owners;
            _refreshedAt = time.GetTimestamp();
        }
        finally
        {
            _refreshing.Release();
        }
    }
}

/// <summary>A partition's current lease holder and where to reach it.</summary>
internal sealed record PartitionOwner(Guid SiloId, long Epoch, string? Address);
