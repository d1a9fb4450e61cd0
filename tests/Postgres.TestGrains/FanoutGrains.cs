using Orleans.Runtime;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>One of two consumers of the test-fanout namespace: records every message and never fails.</summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(Namespace)]
public sealed class FanoutAuditGrain : EntityGrain, IStreamSubscriber
{
    public const string GrainTypeName = "test.fanout-audit";
    public const string Namespace = "test-fanout";

    public async Task OnNextAsync(StreamEvent message)
    {
        var entry = message.Payload<LedgerEntry>();
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await Ledger.InsertAsync(unitOfWork, GrainTypeName, EntityKey, message.MessageId, entry.Sequence, entry.Amount, 1);
        await unitOfWork.CommitAsync();
    }
}

/// <summary>The other consumer of the test-fanout namespace: fails on poison messages until their key is cured.</summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(FanoutAuditGrain.Namespace)]
public sealed class FanoutStrictGrain : EntityGrain, IStreamSubscriber
{
    public const string GrainTypeName = "test.fanout-strict";

    public async Task OnNextAsync(StreamEvent message)
    {
        var entry = message.Payload<LedgerEntry>();
        if (entry.Attempts(message, EntityKey) is { } failure)
        {
            throw failure;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        await Ledger.InsertAsync(unitOfWork, GrainTypeName, EntityKey, message.MessageId, entry.Sequence, entry.Amount, 1);
        await unitOfWork.CommitAsync();
    }
}
