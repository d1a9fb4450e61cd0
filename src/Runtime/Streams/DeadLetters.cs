using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Streams;

internal sealed class DeadLetters(NpgsqlDataSource dataSource, StreamQueue queue, ILogger<DeadLetters> logger) : IDeadLetters
{
    public const int MaxPageSize = 1000;

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxPageSize);
        await using var command = dataSource.CreateCommand(RuntimeSql.Streams("ListDeadLetters")).With(query.Namespace, query.Key, query.After, query.Limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(RuntimeSql.Streams("GetDeadLetter")).With(id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> ReplayAsync(long id, CancellationToken cancellationToken = default) =>
        await ReplayWhereAsync(id, null, cancellationToken) == 1;

    public Task<int> ReplayAllAsync(string streamNamespace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamNamespace);
        return ReplayWhereAsync(null, streamNamespace, cancellationToken);
    }

    public async Task<bool> DiscardAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(RuntimeSql.Streams("DiscardDeadLetter")).With(id);
        var discarded = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (discarded)
        {
            logger.LogInformation("Dead letter {DeadLetterId} discarded", id);
        }

        return discarded;
    }

    private async Task<int> ReplayWhereAsync(long? id, string? streamNamespace, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RuntimeSql.Streams("ReplayDeadLetters")).With(id, streamNamespace);
        var partitions = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                partitions.Add(reader.GetInt32(0));
            }
        }

        queue.Signal([.. partitions.Distinct()]);
        logger.LogInformation("Replayed {Count} dead letters (id {DeadLetterId}, namespace {Namespace})", partitions.Count, id, streamNamespace);
        return partitions.Count;
    }

    private static async Task<IReadOnlyList<DeadLetter>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return letters;
    }
}
