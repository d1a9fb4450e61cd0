namespace OrleansSync.Bench.Grains;

/// <summary>The domain work of one event, identical in every design: current row, history row, outbox event.</summary>
internal static class EntityWrites
{
    public const string OutboxNamespace = "bench-outbox";

    public static void Add(NpgsqlBatch batch, string key, BenchEvent change)
    {
        batch.BatchCommands.Add(Command("insert into bench_entity (entity_key, last_sequence, updated_at) values ($1, $2, now()) on conflict (entity_key) do update set last_sequence = excluded.last_sequence, updated_at = now()", key, change.Sequence));
        batch.BatchCommands.Add(Command("insert into bench_history (entity_key, sequence, appended_at) values ($1, $2, $3)", key, change.Sequence, change.AppendedAt));
    }

    public static async Task ApplyAsync(IUnitOfWork unitOfWork, string key, IReadOnlyList<StreamEvent> messages)
    {
        await using (var batch = new NpgsqlBatch(unitOfWork.Connection, unitOfWork.Transaction))
        {
            foreach (var message in messages)
            {
                Add(batch, key, message.Payload<BenchEvent>());
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
