namespace OrleansSync.Bench.Grains;

/// <summary>
/// The grain design under test: one grain per entity applies its events in one fenced transaction
/// each: the current row, a history row, and an outbox event (published to the runtime's stream).
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class EntityGrain : Grain, IStreamSubscriber
{
    public const string Namespace = "bench-events";
    public const string OutboxNamespace = "bench-outbox";

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        var change = message.Payload<BenchEvent>();
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await using (var batch = new NpgsqlBatch(unitOfWork.Connection, unitOfWork.Transaction))
        {
            batch.BatchCommands.Add(Command("insert into bench_entity (entity_key, last_sequence, updated_at) values ($1, $2, now()) on conflict (entity_key) do update set last_sequence = excluded.last_sequence, updated_at = now()", GrainId.Key, change.Sequence));
            batch.BatchCommands.Add(Command("insert into bench_history (entity_key, sequence, appended_at) values ($1, $2, $3)", GrainId.Key, change.Sequence, change.AppendedAt));
            await batch.ExecuteNonQueryAsync();
        }

        unitOfWork.Publish(OutboxNamespace, GrainId.Key, $"{message.MessageId}-out", change);
        await unitOfWork.CommitAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
