using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

/// <summary>The periodic resync dispatched by the fixed resync shards from the due times in accounting_point_sync.</summary>
public sealed class ResyncShardTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private AccountingPointsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AccountingPointsTestHost.StartAsync(nameof(ResyncShardTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Due_points_are_dispatched_by_their_shard_and_synced()
    {
        var points = Enumerable.Range(0, 6).Select(_host.GeneratedGsrn).ToList();
        foreach (var gsrn in points)
        {
            (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);
            (await _host.ScalarAsync<short>("select resync_shard from accounting_point_sync where gsrn = $1", gsrn))
                .Should().Be((short)ResyncSchedule.Shard(gsrn, AccountingPointsOptions.ResyncShardsDefault));
        }

        // Their slots are hours away (period 22 h); make them due as if the slot had passed during an outage.
        await _host.ExecuteAsync("update accounting_point_sync set next_resync_at = now() - interval '1 hour' where gsrn = any($1)", (object)points.ToArray());

        await _host.EventuallyAsync(
            async () =>
            {
                foreach (var gsrn in points)
                {
                    if ((await _host.Point(gsrn).GetAsync())!.Sync!.Version < 2)
                    {
                        return false;
                    }
                }

                return true;
            },
            Deadline,
            "every due point to be resynced by its shard",
            [.. points]);

        (await _host.ScalarAsync<long>("select count(*) from accounting_point_sync where gsrn = any($1) and next_resync_at <= now()", (object)points.ToArray()))
            .Should().Be(0, "a resync moves the point's due time to its next slot");
    }

    [Fact]
    public async Task A_point_synced_ad_hoc_moves_its_due_time_to_its_next_slot()
    {
        var gsrn = _host.GeneratedGsrn(20);
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);
        await _host.ExecuteAsync("update accounting_point_sync set next_resync_at = now() + interval '100 days' where gsrn = $1", gsrn);

        (await _host.Point(gsrn).SyncAsync(SyncTrigger.Manual)).Outcome.Should().Be(SyncOutcome.Synced);

        var due = await _host.ScalarAsync<DateTime>("select next_resync_at from accounting_point_sync where gsrn = $1", gsrn);
        var period = new AccountingPointsOptions().ResyncPeriod;
        new DateTimeOffset(due, TimeSpan.Zero).Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(-1))
            .And.BeBefore(DateTimeOffset.UtcNow + period + TimeSpan.FromMinutes(1), "the next slot is within one resync period");
    }

    [Fact]
    public async Task Tracking_many_points_registers_no_reminder_per_point()
    {
        var points = Enumerable.Range(30, 40).Select(_host.GeneratedGsrn).ToList();
        await Parallel.ForEachAsync(points, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (gsrn, _) =>
            await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1)));
        (await _host.ScalarAsync<long>("select count(*) from accounting_point_sync where tracked and gsrn = any($1)", (object)points.ToArray())).Should().Be(points.Count);

        // Every shard's reminder is registered at start-up (eventually: the starter runs once the host serves).
        await _host.EventuallyAsync(
            async () => await _host.ScalarAsync<long>("select count(*) from orleans_reminder where grain_id like $1", AccountingPointResyncShardGrain.GrainTypeName + "/%") == AccountingPointsOptions.ResyncShardsDefault,
            Deadline,
            "every resync shard to register its reminder");
        (await _host.ScalarAsync<long>("select count(*) from orleans_reminder where grain_id like 'accounting_points.%' and grain_id not like $1 and grain_id not like 'accounting_points.sync_monitor/%'", AccountingPointResyncShardGrain.GrainTypeName + "/%"))
            .Should().Be(0, "accounting points have only the shard and sweeper reminders");
    }

    [Fact]
    public async Task An_activated_point_unregisters_its_reminders_of_the_previous_version()
    {
        // A database migrated from the previous version: the point's own "resync" reminder row is still there.
        var gsrn = _host.GeneratedGsrn(80);
        var shardGrain = AccountingPointResyncShardGrain.GrainTypeName + "/%";
        await _host.EventuallyAsync(
            async () => await _host.ScalarAsync<long>("select count(*) from orleans_reminder where grain_id like $1", shardGrain) > 0,
            Deadline,
            "a shard reminder to exist (its service id is the cluster's)");
        (await _host.ExecuteAsync(
            """
            insert into orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            select service_id, $1, 'resync', now() + interval '1 day', 79200000, 0, 1
            from orleans_reminder where grain_id like $2 limit 1
            """,
            "accounting_points.accounting_point/" + gsrn, shardGrain)).Should().Be(1);

        await _host.Point(gsrn).GetAsync();

        (await _host.ScalarAsync<long>("select count(*) from orleans_reminder where grain_id = $1", "accounting_points.accounting_point/" + gsrn))
            .Should().Be(0, "activation drops the per-point reminders the shards replaced");
    }
}
