using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>Delivered messages are kept for the retention window, which is also the de-duplication window of appends.</summary>
public sealed class RetentionTests
{
    private const string Window = "00:00:02";

    [Fact]
    public async Task Retention_deletes_only_delivered_messages_past_the_window_and_bounds_de_duplication()
    {
        await using var cluster = await StreamsCluster.StartAsync(nameof(RetentionTests), settings: new Dictionary<string, string?> { ["Streams:Retention"] = Window });
        var producer = cluster.Producer;

        // Delivered: applied, and behind their queue's checkpoint.
        for (var i = 1; i <= 5; i++)
        {
            await producer.AppendBatchAsync([StreamTests.Entry("done", $"done-{i}", i)]);
        }

        await Eventually.TrueAsync(async () => await cluster.CheckpointedAsync(LedgerGrain.Namespace, "done") == 5, StreamTests.Deadline, "the delivered messages checkpointed");

        // Undelivered: a transaction that stays open holds every reader below it (readers pass only
        // transactions older than every running one), so messages appended after it wait.
        await using var holder = new NpgsqlConnection(cluster.Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("select pg_current_xact_id()", holder, hold))
        {
            await xid.ExecuteScalarAsync();
        }

        for (var i = 1; i <= 3; i++)
        {
            (await producer.AppendAsync(LedgerGrain.Namespace, "waiting", $"waiting-{i}", StreamTests.Entry("waiting", $"waiting-{i}", i).PayloadJson)).Should().BeTrue();
        }

        await Eventually.TrueAsync(
            async () => (long)(await cluster.Database.ScalarAsync($"select count(*) from stream_message where appended_at > now() - interval '{Window}'"))! == 0,
            StreamTests.Deadline, "every message older than the retention window");
        var doneRows = await RowIdsAsync(cluster, "done");

        var retention = cluster.Services().GetServices<IHostedService>().OfType<StreamRetention>().Single();
        await retention.RunOnceAsync(CancellationToken.None);

        (await RowIdsAsync(cluster, "done")).Should().BeEmpty("delivered messages past the window are deleted");
        (await RowIdsAsync(cluster, "waiting")).Should().HaveCount(3, "undelivered messages are kept however old");
        var consumedOfDeleted = (long)(await cluster.Database.ScalarAsync("select count(*) from stream_consumed where message = any($1)", doneRows.ToArray()))!;
        consumedOfDeleted.Should().Be(0, "the consumption records of deleted messages go with them");

        // The de-duplication window is the retention window.
        (await producer.AppendAsync(LedgerGrain.Namespace, "done", "done-1", StreamTests.Entry("done", "done-1", 1).PayloadJson)).Should().BeTrue("its row is gone, so the id is new again");
        (await producer.AppendAsync(LedgerGrain.Namespace, "waiting", "waiting-1", StreamTests.Entry("waiting", "waiting-1", 1).PayloadJson)).Should().BeFalse("a retained message id is a duplicate");

        await hold.RollbackAsync();
        await cluster.WaitForEntriesAsync(LedgerGrain.GrainTypeName, "waiting", 3);
        (await cluster.EntriesAsync(LedgerGrain.GrainTypeName, "waiting")).Select(e => e.EntryId).Should().Equal("waiting-1", "waiting-2", "waiting-3");

        // done-1 again is a new message, delivered as such (a unit of work of its own); the
        // ledger's own idempotency by entry id is what keeps it from doubling the entry.
        await Eventually.TrueAsync(async () => await cluster.VersionAsync(LedgerGrain.GrainTypeName, "done") == 6, StreamTests.Deadline, "done-1 delivered again");
        (await cluster.EntriesAsync(LedgerGrain.GrainTypeName, "done")).Should().HaveCount(5);
    }

    private static async Task<List<long>> RowIdsAsync(StreamsCluster cluster, string key)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from stream_message where stream_key = $1 order by id", connection) { Parameters = { new() { Value = key } } };
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
