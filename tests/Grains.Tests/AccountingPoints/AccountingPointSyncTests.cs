using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.Faults;
using Gsrn = OrleansSync.Grains.AccountingPoints.Gsrn;

namespace OrleansSync.Grains.Tests.AccountingPoints;

/// <summary>Syncing points against the co-hosted simulator, calling the grains directly. Each test uses its own points.</summary>
public sealed class AccountingPointSyncTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset Jan2024 = OsloTime.Midnight(new DateOnly(2024, 1, 1));
    private static readonly DateTimeOffset Jun2024 = OsloTime.Midnight(new DateOnly(2024, 6, 1));
    private static readonly DateTimeOffset Sep2024 = OsloTime.Midnight(new DateOnly(2024, 9, 1));

    private AccountingPointsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AccountingPointsTestHost.StartAsync(nameof(AccountingPointSyncTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_example_responses_merge_exactly()
    {
        const string gsrn = DatahubFixtures.FixtureGsrn;
        _host.Simulator.Store.RegisterFixture(DatahubFixtures.Plain);

        var registered = await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1));

        registered.AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced, registered.AccountingPoint.Fetch.Error);
        registered.AccountingPoint.Fetch.Changes.Should().Be(new TimelineChanges(Inserted: 3, Updated: 0, Deleted: 0, LocationChanged: false));
        var point = (await _host.Point(gsrn).GetAsync())!;
        point.EndUsers.Should().Equal(new AccountingPointEndUser("123456789", "organisation", Jan2024, null));
        point.EnergySuppliers.Should().Equal(new AccountingPointEnergySupplier("1234567890123", Jan2024, null));
        point.MeteringGridAreas.Should().Equal(new AccountingPointMeteringGridArea("10Y1001A1001A264", Jan2024, null));
        point.Location.Should().BeNull();
        point.Sync!.State.Should().Be(SyncState.Synced);
        point.Sync.Tracked.Should().BeTrue();
        point.Sync.Version.Should().Be(1);
        point.Sync.ValidFrom.Should().Be(Jan2024);

        // The same document again changes nothing; the location variants set it, keep it (keys absent) and clear it (null).
        (await _host.Point(gsrn).SyncAsync(SyncTrigger.Manual)).Changes.Should().Be(TimelineChanges.None);
        _host.Simulator.Store.RegisterFixture(DatahubFixtures.WithLocation);
        (await _host.Point(gsrn).SyncAsync(SyncTrigger.Manual)).Changes.Should().Be(new TimelineChanges(0, 0, 0, true));
        (await _host.Point(gsrn).GetAsync())!.Location.Should().Be(new AccountingPointLocation(59.9139, 10.7522));
        _host.Simulator.Store.RegisterFixture(DatahubFixtures.Plain);
        (await _host.Point(gsrn).SyncAsync(SyncTrigger.Manual)).Changes.Should().Be(TimelineChanges.None);
        (await _host.Point(gsrn).GetAsync())!.Location.Should().Be(new AccountingPointLocation(59.9139, 10.7522));
        _host.Simulator.Store.RegisterFixture(DatahubFixtures.WithNullLocation);
        (await _host.Point(gsrn).SyncAsync(SyncTrigger.Manual)).Changes.Should().Be(new TimelineChanges(0, 0, 0, true));

        var final = (await _host.Point(gsrn).GetAsync())!;
        final.Location.Should().BeNull();
        final.EndUsers.Should().HaveCount(1);
        final.Sync!.Version.Should().Be(5, "one sync at registration and four manual ones");
        var history = (await _host.Point(gsrn).GetHistoryAsync())!.Entries;
        history.Select(e => (e.Kind, e.Operation)).Should().Equal(
            ("accounting_point", "insert"),
            ("end_user", "insert"),
            ("energy_supplier", "insert"),
            ("metering_grid_area", "insert"),
            ("accounting_point", "update"),
            ("accounting_point", "update"));
    }

    [Fact]
    public async Task A_changed_timeline_updates_and_deletes_rows_and_records_history()
    {
        var gsrn = Gsrn.Create("70705759900000001");
        var suppliers = _host.Simulator.Store.EnergySuppliers;
        _host.Simulator.Store.Upsert(Document(gsrn,
            endUsers: [new EndUserPeriod { BusinessId = "987654321", EntityType = EndUserPeriod.Organisation, ValidFrom = Jan2024 }],
            suppliers:
            [
                new EnergySupplierPeriod { BusinessId = suppliers[0], ValidFrom = Jan2024, ValidTo = Jun2024 },
                new EnergySupplierPeriod { BusinessId = suppliers[1], ValidFrom = Jun2024 },
            ]));
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);

        // The customer switched later than first recorded, to another supplier; the end user is now a person.
        _host.Simulator.Store.Upsert(Document(gsrn,
            endUsers: [new EndUserPeriod { BusinessId = "01018012345", EntityType = EndUserPeriod.Person, ValidFrom = Jan2024 }],
            suppliers:
            [
                new EnergySupplierPeriod { BusinessId = suppliers[0], ValidFrom = Jan2024, ValidTo = Sep2024 },
                new EnergySupplierPeriod { BusinessId = suppliers[2], ValidFrom = Sep2024 },
            ]));
        var result = await _host.Point(gsrn).SyncAsync(SyncTrigger.Manual);

        result.Outcome.Should().Be(SyncOutcome.Synced, result.Error);
        result.Changes.Should().Be(new TimelineChanges(Inserted: 1, Updated: 2, Deleted: 1, LocationChanged: false));
        var point = (await _host.Point(gsrn).GetAsync())!;
        point.EnergySuppliers.Should().Equal(
            new AccountingPointEnergySupplier(suppliers[0], Jan2024, Sep2024),
            new AccountingPointEnergySupplier(suppliers[2], Sep2024, null));
        point.EndUsers.Should().Equal(new AccountingPointEndUser("01018012345", "person", Jan2024, null));
        point.Sync!.Version.Should().Be(2);

        var history = (await _host.Point(gsrn).GetHistoryAsync())!.Entries;
        var supplierChanges = history.Where(e => e.Kind == "energy_supplier").ToList();
        supplierChanges.Select(e => (e.Operation, e.BusinessId, e.ValidFrom, e.ValidTo)).Should().Equal(
            ("insert", suppliers[0], Jan2024, Jun2024),
            ("insert", suppliers[1], Jun2024, null),
            ("delete", suppliers[1], Jun2024, null),
            ("update", suppliers[0], Jan2024, Sep2024),
            ("insert", suppliers[2], Sep2024, null));
        supplierChanges[3].RecordedAt.Should().BeAfter(supplierChanges[0].RecordedAt, "each change keeps the time it was recorded");
        history.Where(e => e.Kind == "end_user").Select(e => (e.Operation, e.BusinessId)).Should().Equal(
            ("insert", "987654321"),
            ("update", "01018012345"));
        (await _host.ScalarAsync<long>("select count(*) from accounting_point_sync where gsrn = $1", gsrn)).Should().Be(1);
    }

    [Fact]
    public async Task A_grid_area_or_supplier_new_to_the_hub_is_recorded_and_the_document_syncs()
    {
        var gsrn = Gsrn.Create("70705759900000002");
        _host.Simulator.Store.Upsert(Document(gsrn,
            gridArea: "10YNO-9--------X",
            suppliers: [new EnergySupplierPeriod { BusinessId = "7099999999999", ValidFrom = Jan2024 }]));

        var fetch = (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!;

        fetch.Outcome.Should().NotBe(SyncOutcome.Failed, fetch.Error);
        var point = (await _host.Point(gsrn).GetAsync())!;
        point.EnergySuppliers.Should().ContainSingle().Which.BusinessId.Should().Be("7099999999999");
        point.MeteringGridAreas.Should().ContainSingle().Which.BusinessId.Should().Be("10YNO-9--------X");
        (await _host.ScalarAsync<string>("select first_named_by from energy_supplier where business_id = '7099999999999'")).Should().Be(gsrn);
        (await _host.ScalarAsync<string>("select first_named_by from metering_grid_area where business_id = '10YNO-9--------X'")).Should().Be(gsrn);
    }

    [Fact]
    public async Task A_point_that_keeps_failing_backs_off_is_listed_and_recovers()
    {
        var gsrn = _host.GeneratedGsrn(0);
        _host.Simulator.PointFailures.Fail(gsrn, 503);
        try
        {
            (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Failed);

            var monitor = _host.Grains.GetGrain<IAccountingPointSyncMonitorGrain>(IAccountingPointSyncMonitorGrain.Key);
            await Eventually.TrueAsync(
                async () => (await monitor.GetSummaryAsync()).Failing.Any(f => f.Gsrn == gsrn && f.Attempts >= 3),
                Deadline,
                "the point to be retried with backoff until it is listed as failing (3 attempts)");
            var failing = (await monitor.GetSummaryAsync()).Failing.Single(f => f.Gsrn == gsrn);
            failing.LastError.Should().Contain("503");
            failing.NextSyncAt.Should().NotBeNull("a failing point is still retried");
            (await _host.Point(gsrn).GetAsync()).Should().BeNull("nothing is written by failed syncs");
        }
        finally
        {
            _host.Simulator.PointFailures.Clear(gsrn);
        }

        await Eventually.TrueAsync(
            async () => (await _host.Point(gsrn).GetAsync())?.Sync is { State: SyncState.Synced, Attempts: 0 },
            Deadline,
            "the next retry to sync the point once the adapter answers again");
    }

    [Fact]
    public async Task Concurrent_triggers_for_one_point_never_overlap()
    {
        var gsrn = _host.GeneratedGsrn(1);
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2020, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);
        var producer = _host.Factory.Services.GetRequiredService<IStreamProducer>();
        _host.Simulator.Faults.Apply(new FaultSettings { LatencyMs = 50 });
        try
        {
            var point = _host.Point(gsrn);
            var syncs = Enumerable.Range(0, 8).Select(_ => point.SyncAsync(SyncTrigger.Manual)).ToList();
            var requests = Enumerable.Range(0, 4).Select(_ => point.RequestSyncAsync(SyncTrigger.Retry)).ToList();
            var events = Enumerable.Range(0, 4).Select(i => producer.AppendAsync(
                DatahubChangeEvents.StreamNamespace, gsrn, $"overlap-{i}", ChangeEvent(gsrn, DateTimeOffset.UtcNow))).ToList();
            await Task.WhenAll(Task.WhenAll(syncs), Task.WhenAll(requests), Task.WhenAll(events));

            var results = syncs.Select(s => s.Result).ToList();
            results.Should().OnlyContain(r => r.Outcome == SyncOutcome.Synced);
            results.Select(r => r.Version).Should().OnlyHaveUniqueItems("each sync ran alone and finished before the next began");
            await Eventually.TrueAsync(
                async () => (await point.GetAsync())!.Sync is { NextSyncAt: null, LastSyncStart: null },
                Deadline,
                "the scheduled syncs (requests, events) to have run");
            _host.Simulator.Requests.For(gsrn).MaxInFlight.Should().Be(1, "no two adapter requests for one point were ever in flight together");
        }
        finally
        {
            _host.Simulator.Faults.Apply(new FaultSettings { LatencyMs = 0 });
        }
    }

    [Fact]
    public async Task A_burst_of_change_events_for_one_point_becomes_one_sync()
    {
        var gsrn = _host.GeneratedGsrn(2);
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);
        var producer = _host.Factory.Services.GetRequiredService<IStreamProducer>();
        var before = _host.Simulator.Requests.For(gsrn).Requests;

        var occurredAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < 10; i++)
        {
            await producer.AppendAsync(DatahubChangeEvents.StreamNamespace, gsrn, $"burst-{i}", ChangeEvent(gsrn, occurredAt));
        }

        await Eventually.TrueAsync(async () => (await _host.Point(gsrn).GetAsync())!.Sync!.Version == 2, Deadline, "the burst to trigger a sync");

        // A later event proves the burst's effect is complete: it makes exactly one more sync.
        await producer.AppendAsync(DatahubChangeEvents.StreamNamespace, gsrn, "after-burst", ChangeEvent(gsrn, DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await _host.Point(gsrn).GetAsync())!.Sync!.Version == 3, Deadline, "the later event to trigger one more sync");
        (_host.Simulator.Requests.For(gsrn).Requests - before).Should().Be(2, "ten events in a burst and one after it cost two fetches");
        (await _host.Point(gsrn).GetAsync())!.Sync!.Version.Should().Be(3);
    }

    [Fact]
    public async Task A_change_event_older_than_the_last_fetch_is_already_covered()
    {
        var gsrn = _host.GeneratedGsrn(3);
        var producer = _host.Factory.Services.GetRequiredService<IStreamProducer>();
        var changedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);

        await producer.AppendAsync(DatahubChangeEvents.StreamNamespace, gsrn, "old-news", ChangeEvent(gsrn, changedAt));
        await producer.AppendAsync(DatahubChangeEvents.StreamNamespace, gsrn, "news", ChangeEvent(gsrn, DateTimeOffset.UtcNow.AddSeconds(1)));

        await Eventually.TrueAsync(async () => (await _host.Point(gsrn).GetAsync())!.Sync!.Version == 2, Deadline, "the new event to trigger a sync");
        _host.Simulator.Requests.For(gsrn).Requests.Should().Be(2, "the event older than the first fetch caused none");
    }

    [Fact]
    public async Task A_dead_sync_is_found_reported_and_retried()
    {
        var gsrn = _host.GeneratedGsrn(4);
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1))).AccountingPoint!.Fetch!.Outcome.Should().Be(SyncOutcome.Synced);

        // What a silo that died mid-sync leaves behind: last_sync_start committed, never finished.
        (await _host.ExecuteAsync("update accounting_point_sync set last_sync_start = now() - interval '1 hour' where gsrn = $1", gsrn)).Should().Be(1);

        await Eventually.TrueAsync(
            async () => (await _host.Point(gsrn).GetAsync())!.Sync is { DeadSyncs: 1, LastSyncStart: null, Version: 2, State: SyncState.Synced },
            Deadline,
            "the sweeper to find the dead sync and the point to sync again");
        var status = (await _host.Point(gsrn).GetAsync())!.Sync!;
        status.LastDeadSyncAt.Should().NotBeNull();
        var summary = await _host.Grains.GetGrain<IAccountingPointSyncMonitorGrain>(IAccountingPointSyncMonitorGrain.Key).GetSummaryAsync();
        summary.RecentDeadSyncs.Should().ContainSingle(d => d.Gsrn == gsrn);
        summary.DeadSyncsFound.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_unit_for_an_unknown_point_fetches_it_at_once_from_the_earliest_unit_start()
    {
        var gsrn = _host.GeneratedGsrn(5);
        var first = await _host.RegisterUnitAsync(gsrn, new DateOnly(2025, 3, 10));
        first.Outcome.Should().Be(ControllableUnitRegistrationOutcome.Created);
        first.AccountingPoint!.Fetch!.Should().Match<AccountingPointSyncResult>(f => f.Outcome == SyncOutcome.Synced && f.Trigger == SyncTrigger.ControllableUnit);
        first.AccountingPoint.Status!.ValidFrom.Should().Be(OsloTime.Midnight(new DateOnly(2025, 3, 10)));
        first.AccountingPoint.Status.Tracked.Should().BeTrue();

        // A second unit starting later changes nothing; one starting earlier fetches again from its start.
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2025, 6, 1))).AccountingPoint!.Fetch.Should().BeNull();
        var earlier = await _host.RegisterUnitAsync(gsrn, new DateOnly(2019, 7, 1));
        earlier.AccountingPoint!.Fetch!.ValidFrom.Should().Be(OsloTime.Midnight(new DateOnly(2019, 7, 1)));
        earlier.AccountingPoint.Status!.Version.Should().Be(2);
    }

    [Fact]
    public async Task Terminating_a_points_last_unit_stops_tracking_it()
    {
        var gsrn = _host.GeneratedGsrn(6);
        var id = Guid.NewGuid();
        (await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1), id: id)).AccountingPoint!.Status!.Tracked.Should().BeTrue();

        var terminated = await _host.RegisterUnitAsync(gsrn, new DateOnly(2024, 1, 1), ControllableUnitStatus.Terminated, id);

        terminated.Outcome.Should().Be(ControllableUnitRegistrationOutcome.Updated);
        terminated.AccountingPoint!.Status!.Tracked.Should().BeFalse();
        (await _host.Grains.GetGrain<IControllableUnitGrain>(id.ToString("D")).GetAsync())!.Status.Should().Be(ControllableUnitStatus.Terminated);
        (await _host.ScalarAsync<long>("select count(*) from controllable_unit_history where id = $1", id)).Should().Be(2);
    }

    [Fact]
    public async Task A_unit_cannot_move_to_another_point()
    {
        var id = Guid.NewGuid();
        await _host.RegisterUnitAsync(_host.GeneratedGsrn(7), new DateOnly(2024, 1, 1), id: id);

        var moved = await _host.RegisterUnitAsync(_host.GeneratedGsrn(8), new DateOnly(2024, 1, 1), id: id);

        moved.Outcome.Should().Be(ControllableUnitRegistrationOutcome.Conflict);
        moved.Error.Should().Contain(_host.GeneratedGsrn(7));
    }

    [Fact]
    public async Task A_lookup_fetches_a_point_it_does_not_hold_and_leaves_no_trace_of_one_the_datahub_lacks()
    {
        var known = _host.GeneratedGsrn(9);
        var lookup = await _host.Point(known).LookupAsync();
        lookup.Fetch!.Trigger.Should().Be(SyncTrigger.Lookup);
        lookup.Point!.Sync!.Tracked.Should().BeFalse();
        lookup.Point.MeteringGridAreas.Should().NotBeEmpty();
        (await _host.Point(known).LookupAsync()).Fetch.Should().BeNull("a held point is answered locally");

        var unknown = Gsrn.Create("70705759900000003");
        var missing = await _host.Point(unknown).LookupAsync();
        missing.Point.Should().BeNull();
        missing.Fetch!.Outcome.Should().Be(SyncOutcome.NotFound);
        (await _host.ScalarAsync<long>("select count(*) from accounting_point_sync where gsrn = $1", unknown)).Should().Be(0);
    }

    [Fact]
    public async Task A_grain_keyed_by_an_invalid_GSRN_refuses_to_activate()
    {
        var act = () => _host.Point("133700000000000054").GetAsync();
        (await act.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("GSRN check digit is 4");
    }

    private static string ChangeEvent(string gsrn, DateTimeOffset occurredAt) =>
        $$"""{"eventType": "accounting-point-changed", "gsrn": "{{gsrn}}", "occurredAt": "{{occurredAt:O}}"}""";

    private static AccountingPointDocument Document(
        string gsrn,
        IReadOnlyList<EndUserPeriod>? endUsers = null,
        IReadOnlyList<EnergySupplierPeriod>? suppliers = null,
        string gridArea = "10YNO-1--------2") => new()
        {
            Gsrn = gsrn,
            EndUser = endUsers ?? [new EndUserPeriod { BusinessId = "123456789", EntityType = EndUserPeriod.Organisation, ValidFrom = Jan2024 }],
            EnergySupplier = suppliers ?? [new EnergySupplierPeriod { BusinessId = "7080012345678", ValidFrom = Jan2024 }],
            MeteringGridArea = [new MeteringGridAreaPeriod { BusinessId = gridArea, ValidFrom = Jan2024 }],
        };
}
