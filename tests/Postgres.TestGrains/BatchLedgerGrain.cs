using Orleans.Runtime;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>Applies a key's backlog of test-batch messages in one unit of work, recording the batch size with each entry.</summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(Namespace)]
public sealed class BatchLedgerGrain : EntityGrain, IStreamBatchSubscriber
{
    public const string GrainTypeName = "test.batch-ledger";
    public const string Namespace = "test-batch";

    public Task OnNextAsync(StreamEvent message) => OnNextBatchAsync([message]);

    public async Task OnNextBatchAsync(IReadOnlyList<StreamEvent> messages)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        foreach (var message in messages)
        {
            var entry = message.Payload<LedgerEntry>();
            if (entry.Attempts(message, EntityKey) is { } failure)
            {
                throw failure;
            }

            await Ledger.InsertAsync(unitOfWork, GrainTypeName, EntityKey, message.MessageId, entry.Sequence, entry.Amount, messages.Count);
        }

        await unitOfWork.CommitAsync();
    }
}
