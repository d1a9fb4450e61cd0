using NpgsqlTypes;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Dead letters in PostgreSQL. A replay appends a copy of the message for its consumer alone (the
/// original may be past retention, and other consumers already have it), delivered from attempt 1.
/// </summary>
public sealed class PostgresDeadLetters(NpgsqlDataSource dataSource, StreamQueueMap queues) : IDeadLetters
{
    private const int MaxErrorLength = 4000;

    /// <summary>Makes the message a dead letter of <paramref name="consumer"/> and records it consumed, in one transaction, so the key moves on.</summary>
    public async Task AddAsync(StreamEvent message, string consumer, int attempts, string? error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("DeadLetter"));
        command.Parameters.Add(new() { Value = message.RowId });
        command.Parameters.Add(new() { Value = message.Namespace });
        command.Parameters.Add(new() { Value = message.Key });
        command.Parameters.Add(new() { Value = message.MessageId });
        command.Parameters.Add(new() { Value = message.PayloadJson });
        command.Parameters.Add(new() { Value = message.AppendedAt });
        command.Parameters.Add(new() { Value = consumer });
        command.Parameters.Add(new() { Value = attempts });
        command.Parameters.Add(new() { Value = error is null ? DBNull.Value : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("ListDeadLetters"));
        command.Parameters.Add(new() { Value = (object?)query.Namespace ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)query.Key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)query.After ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = Math.Clamp(query.Limit, 1, 1000) });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("GetDeadLetter"));
        command.Parameters.Add(new() { Value = id });
        var letters = await ReadAsync(command, cancellationToken);
        return letters.Count > 0 ? letters[0] : null;
    }

    public async Task<bool> ReplayAsync(long id, CancellationToken cancellationToken = default) =>
        await ReplayAsync(id, null, cancellationToken) == 1;

    public Task<int> ReplayAllAsync(string streamNamespace, CancellationToken cancellationToken = default) =>
        ReplayAsync(null, streamNamespace, cancellationToken);

    public async Task<bool> DiscardAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("DiscardDeadLetter"));
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("CountDeadLetters"));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<int> ReplayAsync(long? id, string? streamNamespace, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = new List<(long Id, string Namespace, string Key, string MessageId, string Payload, string Consumer)>();
        await using (var command = new NpgsqlCommand(StreamSql.Get("TakeForReplay"), connection, transaction))
        {
            command.Parameters.Add(new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new() { Value = (object?)streamNamespace ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                taken.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        if (taken.Count > 0)
        {
            await using var append = new NpgsqlCommand(StreamSql.Get("AppendReplays"), connection, transaction);
            append.Parameters.Add(new() { Value = taken.Select(t => queues.QueueOf(t.Namespace, t.Key)).ToArray() });
            append.Parameters.Add(new() { Value = taken.Select(t => t.Namespace).ToArray() });
            append.Parameters.Add(new() { Value = taken.Select(t => t.Key).ToArray() });
            append.Parameters.Add(new() { Value = taken.Select(t => t.MessageId).ToArray() });
            append.Parameters.Add(new() { Value = taken.Select(t => t.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            append.Parameters.Add(new() { Value = taken.Select(t => t.Consumer).ToArray() });
            append.Parameters.Add(new() { Value = taken.Select(t => t.Id).ToArray() });
            await append.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return taken.Count;
    }

    private static async Task<IReadOnlyList<DeadLetter>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return letters;
    }
}
