using Orleans.Runtime;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>Records the events LedgerGrain raised through its outbox.</summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(LedgerGrain.EchoNamespace)]
public sealed class EchoGrain : EntityGrain, IStreamSubscriber
{
    public const string GrainTypeName = "test.echo";

    public async Task OnNextAsync(StreamEvent message)
    {
        var entry = message.Payload<LedgerEntry>();
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await Ledger.InsertAsync(unitOfWork, GrainTypeName, EntityKey, message.MessageId, entry.Sequence, entry.Amount, 1);
        await unitOfWork.CommitAsync();
    }
}
