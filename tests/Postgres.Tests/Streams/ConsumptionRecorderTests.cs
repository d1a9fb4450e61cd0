using Npgsql;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>The silo's record of messages handled without a unit of work: many deliveries' records in one commit.</summary>
public sealed class ConsumptionRecorderTests() : StreamsDatabaseTests(nameof(ConsumptionRecorderTests))
{
    private ConsumptionRecorder? _recorder;

    private ConsumptionRecorder Recorder => _recorder ??= new ConsumptionRecorder(DataSource);

    [Fact]
    public async Task Records_arriving_while_a_write_is_in_flight_wait_for_it_and_then_commit_together()
    {
        // Another transaction holds message 1's record uncommitted, so the write of it waits on that row lock.
        await using var holder = await DataSource.OpenConnectionAsync();
        await using var held = await holder.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("insert into stream_consumed (message, consumer) values (1, 'c0')", holder, held))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var first = Recorder.RecordAsync([1], "c0");
        await Eventually.TrueAsync(
            async () => Convert.ToInt64(await Database.ScalarAsync("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into stream_consumed%'")) == 1,
            StreamTests.Deadline, "the recorder's first write to wait on the held record");

        var later = Enumerable.Range(0, 50).Select(i => Recorder.RecordAsync([100 + i], $"c{i % 3}")).ToList();
        later.Should().OnlyContain(task => !task.IsCompleted, "nothing is reported recorded before it has committed");
        first.IsCompleted.Should().BeFalse();

        await held.CommitAsync();
        await Task.WhenAll(later.Append(first)).WaitAsync(StreamTests.Deadline);

        (await Database.ScalarAsync("select count(*) from stream_consumed where message >= 100")).Should().Be(50L);
        (await Database.ScalarAsync("select count(distinct xmin::text) from stream_consumed where message >= 100"))
            .Should().Be(1L, "the 50 records that queued behind the first write committed in one transaction");
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_records_are_written()
    {
        var failing = () => Recorder.RecordAsync([7], null!);
        (await failing.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.NotNullViolation);

        await Recorder.RecordAsync([8, 9], "c0").WaitAsync(StreamTests.Deadline);
        (await Database.ScalarAsync("select count(*) from stream_consumed where message in (7, 8, 9)")).Should().Be(2L, "the recorder writes again after a failure");
    }
}
