using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Tests.Streams.Grains;

public static class Ledger
{
    public static async Task InsertAsync(IUnitOfWork unitOfWork, string grain, string key, string entryId, int sequence, int amount, int batch)
    {
        await using var command = unitOfWork.CreateCommand("""
            insert into test_ledger (grain, key, entry_id, sequence, amount, batch) values ($1, $2, $3, $4, $5, $6)
            on conflict (grain, key, entry_id) do nothing
            """);
        foreach (var value in new object[] { grain, key, entryId, sequence, amount, batch })
        {
            command.Parameters.Add(new() { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

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
