using System.Text.Json;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;

namespace OrleansSync.Postgres.Tests.Streams.Support;

/// <summary>
/// What the failure-mode stream tests share. They start clusters of their own (several silos, or
/// several clusters on one database), so they run one at a time in one collection rather than in
/// parallel with each other on a 2-core machine.
/// </summary>
public static class StreamTests
{
    /// <summary>Generous: the machine is a loaded 2-core box, and a dead silo takes a while to be declared dead.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static StreamAppend Entry(string key, string messageId, int sequence, bool poison = false, string ns = LedgerGrain.Namespace, bool consumedMeanwhile = false) =>
        new(ns, key, messageId, JsonSerializer.Serialize(new LedgerEntry(sequence, 1, Poison: poison, ConsumedMeanwhile: consumedMeanwhile), StreamJson.Options));

    /// <summary>Messages of a namespace (and key) that their queue's checkpoint has passed: delivered to every consumer.</summary>
    public static async Task<long> CheckpointedAsync(this StreamsCluster cluster, string streamNamespace, string? key = null) =>
        (long)(await cluster.Database.ScalarAsync(
            """
            select count(*) from stream_message m join stream_queue_checkpoint c on c.queue = m.queue
            where (m.tx, m.id) <= (c.tx, c.id) and m.namespace = $1 and ($2::text is null or m.stream_key = $2)
            """,
            streamNamespace, key))!;

    /// <summary>Messages of a namespace (and key) a consumer recorded as consumed.</summary>
    public static async Task<long> ConsumedAsync(this StreamsCluster cluster, string consumer, string streamNamespace, string? key = null) =>
        (long)(await cluster.Database.ScalarAsync(
            """
            select count(*) from stream_consumed c join stream_message m on m.id = c.message
            where c.consumer = $1 and m.namespace = $2 and ($3::text is null or m.stream_key = $3)
            """,
            consumer, streamNamespace, key))!;

    public static async Task WaitForEntriesAsync(this StreamsCluster cluster, string grain, string key, int count) =>
        await Eventually.TrueAsync(async () => (await cluster.EntriesAsync(grain, key)).Count >= count, Deadline, $"{count} entries of {grain}/{key}");
}
