namespace OrleansSync.Bench.Grains;

/// <summary>The domain work of one event, identical in every design: current row, history row, outbox event.</summary>
internal static class EntityWrites
{
    public const string OutboxNamespace = "bench-outbox";

    public const string UpsertEntity = "insert into bench_entity (entity_key, last_sequence, updated_at) values ($1, $2, now()) on conflict (entity_key) do update set last_sequence = excluded.last_sequence, updated_at = now()";

    public const string InsertHistory = "insert into bench_history (entity_key, sequence, appended_at) values ($1, $2, $3)";

    /// <summary>The grain designs' writes, queued: they go to PostgreSQL with the unit of work's commit, in one round trip.</summary>
    public static void Apply(IUnitOfWork unitOfWork, string key, IReadOnlyList<StreamEvent> messages)
    {
        foreach (var message in messages)
        {
            var change = message.Payload<BenchEvent>();
            unitOfWork.Write(UpsertEntity, key, change.Sequence);
            unitOfWork.Write(InsertHistory, key, change.Sequence, change.AppendedAt);
            unitOfWork.Publish(OutboxNamespace, key, $"{message.MessageId}-out", message.PayloadJson);
        }
    }

    /// <summary>The same writes run by the grain itself, in a round trip of their own before the commit's.</summary>
    public static async Task ApplyDirectlyAsync(IUnitOfWork unitOfWork, string key, IReadOnlyList<StreamEvent> messages)
    {
        await using (var batch = new NpgsqlBatch(unitOfWork.Connection, unitOfWork.Transaction))
        {
            foreach (var message in messages)
            {
                var change = message.Payload<BenchEvent>();
                batch.BatchCommands.Add(Command(UpsertEntity, key, change.Sequence));
                batch.BatchCommands.Add(Command(InsertHistory, key, change.Sequence, change.AppendedAt));
            }

            await batch.ExecuteNonQueryAsync();
        }

        foreach (var message in messages)
        {
            unitOfWork.Publish(OutboxNamespace, key, $"{message.MessageId}-out", message.PayloadJson);
        }
    }

    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
