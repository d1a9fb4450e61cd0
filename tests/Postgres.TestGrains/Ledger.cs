using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>The test grains' writes: some grains run them themselves, some queue them with the commit (<see cref="IUnitOfWork.Write"/>), so the tests cover both.</summary>
public static class Ledger
{
    private const string Insert = """
        insert into test_ledger (grain, key, entry_id, sequence, amount, batch) values ($1, $2, $3, $4, $5, $6)
        on conflict (grain, key, entry_id) do nothing
        """;

    public static async Task InsertAsync(IUnitOfWork unitOfWork, string grain, string key, string entryId, int sequence, int amount, int batch)
    {
        await using var command = unitOfWork.CreateCommand(Insert);
        foreach (var value in new object[] { grain, key, entryId, sequence, amount, batch })
        {
            command.Parameters.Add(new() { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    public static void Queue(IUnitOfWork unitOfWork, string grain, string key, string entryId, int sequence, int amount, int batch) =>
        unitOfWork.Write(Insert, grain, key, entryId, sequence, amount, batch);

    /// <summary>A queued write that violates test_ledger's not-null batch column: it fails its unit of work's commit.</summary>
    public static void QueueFailingWrite(IUnitOfWork unitOfWork, string grain, string key, string entryId) =>
        unitOfWork.Write("insert into test_ledger (grain, key, entry_id, sequence, amount, batch) values ($1, $2, $3, 0, 0, $4)", grain, key, $"{entryId}/failing", null);

    /// <summary>The failure this attempt of the entry is scripted to throw, if any.</summary>
    public static Exception? Attempts(this LedgerEntry entry, StreamEvent message, string key)
    {
        if (message.Attempt <= entry.FailTimes)
        {
            return new InvalidOperationException($"Scripted failure {message.Attempt} of {entry.FailTimes} for {message.MessageId}.");
        }

        return entry.Poison && !Cures.Contains(key) ? new InvalidOperationException($"Poison message {message.MessageId}.") : null;
    }

    /// <summary>Keys whose poison messages pass from now on (tests cure them before a replay).</summary>
    public static ConcurrentBag<string> Cures { get; } = [];
}
