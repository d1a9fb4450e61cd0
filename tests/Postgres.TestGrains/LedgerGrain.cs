using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>
/// Applies test-ledger messages one at a time, each in its own unit of work, its write queued with
/// the commit. An entry with Echo also raises a test-echo event through the outbox, which
/// <see cref="EchoGrain"/> records.
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(Namespace)]
public sealed class LedgerGrain : EntityGrain, ILedgerGrain, IStreamSubscriber
{
    public const string GrainTypeName = "test.ledger";
    public const string Namespace = "test-ledger";
    public const string EchoNamespace = "test-echo";

    public Task<string> PingAsync() => Task.FromResult(RuntimeIdentity);

    public Task<string> ActivationAsync() => Task.FromResult(GrainContext.ActivationId.ToString());

    public async Task AddAsync(string entryId, int amount)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        Ledger.Queue(unitOfWork, GrainTypeName, EntityKey, entryId, 0, amount, 1);
        await unitOfWork.CommitAsync();
    }

    public async Task OnNextAsync(StreamEvent message)
    {
        var entry = message.Payload<LedgerEntry>();
        if (entry.Attempts(message, EntityKey) is { } failure)
        {
            throw failure;
        }

        await using var unitOfWork = await BeginUnitOfWorkAsync();
        Ledger.Queue(unitOfWork, GrainTypeName, EntityKey, message.MessageId, entry.Sequence, entry.Amount, 1);
        if (message.Attempt <= entry.FailAtCommitTimes)
        {
            Ledger.QueueFailingWrite(unitOfWork, GrainTypeName, EntityKey, message.MessageId);
        }

        if (entry.Echo)
        {
            unitOfWork.Publish(EchoNamespace, EntityKey, $"echo/{message.MessageId}", entry);
        }

        if (entry.ConsumedMeanwhile)
        {
            await using var consumed = ServiceProvider.GetRequiredService<NpgsqlDataSource>().CreateCommand("insert into stream_consumed (message, consumer) values ($1, $2)");
            consumed.Parameters.Add(new() { Value = message.RowId });
            consumed.Parameters.Add(new() { Value = GrainTypeName });
            await consumed.ExecuteNonQueryAsync();
        }

        await unitOfWork.CommitAsync();
    }
}
