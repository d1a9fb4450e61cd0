namespace OrleansSync.Runtime.Tests.TestGrains;

/// <summary>Like <see cref="RecorderGrain"/>, but takes consecutive messages of its key in one turn and one unit of work.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class BatchRecorderGrain(Probe probe) : Grain, IStreamBatchSubscriber
{
    public const string Namespace = "test-batch-events";

    Task IStreamSubscriber.OnNextAsync(StreamEvent message) => RecordAsync([message]);

    Task IStreamBatchSubscriber.OnNextBatchAsync(IReadOnlyList<StreamEvent> messages) => RecordAsync(messages);

    private async Task RecordAsync(IReadOnlyList<StreamEvent> messages)
    {
        probe.Record($"turn-size:{messages.Count}");
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        foreach (var message in messages)
        {
            var payload = message.Payload<TestMessage>();
            if (payload.Poison && probe.Count($"heal:{message.MessageId}") == 0)
            {
                probe.Record($"failed:{message.MessageId}");
                throw new InvalidOperationException($"Poison {message.MessageId}");
            }

            await using var insert = unitOfWork.CreateCommand("insert into test_received (subscriber, stream_key, message_id, sequence) values ('batch', $1, $2, $3)");
            insert.Parameters.Add(new NpgsqlParameter { Value = message.Key });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.MessageId });
            insert.Parameters.Add(new NpgsqlParameter { Value = payload.Sequence });
            await insert.ExecuteNonQueryAsync();
        }

        await unitOfWork.CommitAsync();
    }
}
