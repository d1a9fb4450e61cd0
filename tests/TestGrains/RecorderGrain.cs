
namespace OrleansSync.Runtime.Tests.TestGrains;

/// <summary>
/// Records every message of "test-events" as a row in its own unit of work (so the effect is
/// exactly once), checks per-key order in memory, and fails on demand for retry tests.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class RecorderGrain(Probe probe) : Grain, IStreamSubscriber
{
    public const string Namespace = "test-events";

    private int _lastSequence;

    async Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        var payload = message.Payload<TestMessage>();
        if (payload.Poison && probe.Count($"heal:{message.MessageId}") == 0)
        {
            probe.Record($"failed:{message.MessageId}");
            throw new InvalidOperationException($"Poison {message.MessageId} (attempt {message.Attempt})");
        }

        if (payload.Sequence <= _lastSequence)
        {
            probe.Record($"out-of-order:{message.Key}");
        }

        _lastSequence = payload.Sequence;
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await using (var insert = unitOfWork.CreateCommand("insert into test_received (subscriber, stream_key, message_id, sequence) values ('recorder', $1, $2, $3)"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = message.Key });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.MessageId });
            insert.Parameters.Add(new NpgsqlParameter { Value = payload.Sequence });
            await insert.ExecuteNonQueryAsync();
        }

        await unitOfWork.CommitAsync();
    }
}
