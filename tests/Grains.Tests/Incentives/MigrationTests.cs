using System.Net;
using System.Net.Http.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Nomis;
using Xunit.Abstractions;

namespace OrleansSync.Grains.Tests.Incentives;

/// <summary>
/// The one-time migration of NOMIS incentives: every IEP ends migrated or listed as failed, whatever NOMIS
/// does; a restart only pauses a run; one runs at a time.
/// </summary>
public sealed class MigrationTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        // Each NOMIS failure fails its record, so the injected failure rate shows in the failed list.
        ["Incentives:Nomis:RetryAttempts"] = "0",
        ["Incentives:Migration:PageSize"] = "1000",
        ["Incentives:Migration:Parallelism"] = "8",
        ["Simulators:Nomis:Faults:Seed"] = "7",
    };

    [Fact]
    public async Task Migrating_ten_thousand_NOMIS_incentives_with_induced_failures_ends_with_every_record_migrated_or_listed_as_failed()
    {
        await using var host = await IncentivesHost.StartAsync(nameof(MigrationTests), Settings);
        host.Nomis.Store.BulkSeed(new BulkSeedRequest { Count = 2500, IncentivesPerPrisoner = 4, Seed = 42 });
        var all = host.Nomis.Store.GetIncentiveIds(null, null, false, 0, 20_000).Content;
        all.Should().HaveCount(10_000);
        host.SetNomisFaults(new FaultSettings { FailureRate = 0.05 });

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Admin, new { });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var migrationId = (await response.Content.ReadFromJsonAsync<IncentiveMigration>())!.MigrationId;

        var migration = await WaitForAsync(host, migrationId, IncentiveMigration.Completed, TimeSpan.FromMinutes(3));
        output.WriteLine($"10,000 IEPs in {started.Elapsed.TotalSeconds:0.0} s: {migration.RecordsMigrated} migrated, {migration.RecordsFailed} failed, {migration.RecordsSkipped} skipped");
        host.SetNomisFaults(new FaultSettings { FailureRate = 0 });

        migration.RecordsFailed.Should().BeGreaterThan(0, "one in twenty NOMIS reads failed");
        (migration.RecordsMigrated + migration.RecordsFailed).Should().Be(10_000);
        migration.RecordsSkipped.Should().Be(0);
        migration.EstimatedRecordCount.Should().Be(10_000);

        var failed = await FailuresAsync(host, migrationId);
        failed.Should().HaveCount((int)migration.RecordsFailed);
        failed.Distinct().Should().HaveCount(failed.Count);
        var migrated = await MigratedKeysAsync(host, migrationId);
        migrated.Should().HaveCount((int)migration.RecordsMigrated);
        migrated.Intersect(failed).Should().BeEmpty();
        migrated.Union(failed).ToHashSet().SetEquals(all.Select(i => (i.BookingId, i.Sequence)))
            .Should().BeTrue("every NOMIS IEP is migrated or listed as failed");
        (await host.ScalarAsync<long>("select count(*) from incentive_review where review_type = 'MIGRATED'")).Should().Be(migration.RecordsMigrated);
        host.Nomis.Store.GetIncentiveIds(null, null, false, 0, 20_000).Content.Should().HaveCount(10_000, "migrated reviews raise no event, so nothing is sent back to NOMIS");

        // A second run takes exactly what the first could not.
        using var again = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Admin, new { });
        var secondId = (await again.Content.ReadFromJsonAsync<IncentiveMigration>())!.MigrationId;
        var second = await WaitForAsync(host, secondId, IncentiveMigration.Completed, TimeSpan.FromMinutes(1));
        second.RecordsMigrated.Should().Be(migration.RecordsFailed);
        second.RecordsSkipped.Should().Be(migration.RecordsMigrated);
        second.RecordsFailed.Should().Be(0);
    }

    [Fact]
    public async Task A_record_whose_call_failed_but_whose_prisoner_migrated_it_anyway_counts_as_migrated_not_failed()
    {
        // A prisoner call that times out is recorded as a failure, but Orleans does not cancel the call:
        // the prisoner's grain can still migrate the record, even after the run completed. Here the run
        // is left with exactly that: a failure row for a record it migrated.
        await using var host = await IncentivesHost.StartAsync(nameof(MigrationTests) + "_late", Settings);
        host.Nomis.Store.BulkSeed(new BulkSeedRequest { Count = 20, IncentivesPerPrisoner = 1, Seed = 5 });
        using var response = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Admin, new { });
        var migrationId = (await response.Content.ReadFromJsonAsync<IncentiveMigration>())!.MigrationId;
        (await WaitForAsync(host, migrationId, IncentiveMigration.Completed, TimeSpan.FromMinutes(1))).RecordsMigrated.Should().Be(20);
        var (bookingId, sequence) = (await MigratedKeysAsync(host, migrationId))[0];
        await host.Database.ExecuteAsync(
            "insert into incentive_migration_failure (migration_id, nomis_booking_id, nomis_incentive_sequence, reason) values ($1, $2, $3, 'TimeoutException: Response did not arrive on time')",
            migrationId, bookingId, sequence);

        var migration = await GetAsync(host, migrationId);
        migration.RecordsMigrated.Should().Be(20);
        migration.RecordsFailed.Should().Be(0, "the record was migrated after all");
        (await FailuresAsync(host, migrationId)).Should().BeEmpty("it is not listed as failed either");
    }

    [Fact]
    public async Task A_migration_survives_a_silo_restart_and_resumes()
    {
        var seed = new BulkSeedRequest { Count = 500, IncentivesPerPrisoner = 3, Seed = 9 };
        var settings = new Dictionary<string, string?>(Settings) { ["Incentives:Migration:PageSize"] = "100", ["Incentives:Migration:Parallelism"] = "2" };
        await using var database = await TestDatabase.CreateAsync(nameof(MigrationTests) + "_restart");

        string migrationId;
        long beforeRestart;
        await using (var first = IncentivesHost.Restart(database, settings))
        {
            first.Nomis.Store.BulkSeed(seed);
            first.SetNomisFaults(new FaultSettings { LatencyMs = 5 });
            var started = await first.Grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain).StartAsync(new MigrationFilter(null, null));
            migrationId = started.Migration.MigrationId;
            await Eventually.TrueAsync(async () => (await GetAsync(first, migrationId)).RecordsMigrated >= 200, TimeSpan.FromSeconds(60), "the run to be under way");
            beforeRestart = (await GetAsync(first, migrationId)).RecordsMigrated;
        }

        // A new process: NOMIS is the same (seeded alike), the run's progress is only in the database.
        await using var second = IncentivesHost.Restart(database, settings);
        second.Nomis.Store.BulkSeed(seed);
        var resumed = await WaitForAsync(second, migrationId, IncentiveMigration.Completed, TimeSpan.FromMinutes(2));

        output.WriteLine($"{beforeRestart} migrated before the restart, {resumed.RecordsMigrated} in all");
        beforeRestart.Should().BeLessThan(1500, "the run was stopped part way");
        (resumed.RecordsMigrated + resumed.RecordsFailed).Should().Be(1500);
        resumed.RecordsFailed.Should().Be(0);
        (await second.ScalarAsync<long>("select count(*) from incentive_review")).Should().Be(1500, "no IEP was migrated twice");
    }

    [Fact]
    public async Task One_migration_runs_at_a_time_and_a_cancelled_one_stops()
    {
        await using var host = await IncentivesHost.StartAsync(nameof(MigrationTests) + "_cancel", new Dictionary<string, string?>(Settings) { ["Incentives:Migration:PageSize"] = "50" });
        host.Nomis.Store.BulkSeed(new BulkSeedRequest { Count = 1000, IncentivesPerPrisoner = 2, Seed = 3 });
        host.SetNomisFaults(new FaultSettings { LatencyMs = 20 });

        using var first = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Admin, new { fromDate = "2019-01-01", toDate = "2023-12-31" });
        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var migration = (await first.Content.ReadFromJsonAsync<IncentiveMigration>())!;
        migration.Filter.Should().Be(new MigrationFilter(new DateOnly(2019, 1, 1), new DateOnly(2023, 12, 31)));

        using var second = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Admin, new { });
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).Should().Contain(migration.MigrationId);

        using var cancel = await host.SendAsync(HttpMethod.Post, $"/migrate/incentives/{migration.MigrationId}/cancel", ApiRoles.Admin);
        cancel.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await cancel.Content.ReadFromJsonAsync<IncentiveMigration>())!.Status.Should().Be(IncentiveMigration.Cancelled);

        using var history = await host.SendAsync(HttpMethod.Get, "/migrate/incentives/history", ApiRoles.Admin);
        var runs = (await history.Content.ReadFromJsonAsync<List<IncentiveMigration>>())!;
        runs.Should().ContainSingle(r => r.MigrationId == migration.MigrationId).Which.WhenEnded.Should().NotBeNull();

        using var next = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Admin, new { });
        next.StatusCode.Should().Be(HttpStatusCode.Accepted, "a cancelled run no longer blocks a new one");
        var nextId = (await next.Content.ReadFromJsonAsync<IncentiveMigration>())!.MigrationId;
        string.CompareOrdinal(nextId, migration.MigrationId).Should().BePositive("migration ids are start times, in order");
        await host.Grains.GetGrain<IIncentiveMigrationGrain>(nextId).CancelAsync();
    }

    [Fact]
    public async Task The_migration_endpoints_are_for_admins_and_name_bad_input()
    {
        await using var host = await IncentivesHost.StartAsync(nameof(MigrationTests) + "_api", Settings);

        using (var operatorCall = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Operator, new { }))
        {
            operatorCall.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using (var backwards = await host.SendAsync(HttpMethod.Post, "/migrate/incentives", ApiRoles.Admin, new { fromDate = "2024-01-02", toDate = "2024-01-01" }))
        {
            backwards.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await backwards.Content.ReadAsStringAsync()).Should().Contain("toDate");
        }

        using (var missing = await host.SendAsync(HttpMethod.Get, "/migrate/incentives/history/2020-01-01T00:00:00", ApiRoles.Admin))
        {
            missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
            missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    private static async Task<IncentiveMigration> GetAsync(IncentivesHost host, string migrationId) =>
        (await host.Grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain).GetAsync(migrationId))!;

    private static async Task<IncentiveMigration> WaitForAsync(IncentivesHost host, string migrationId, string status, TimeSpan timeout)
    {
        await Eventually.TrueAsync(async () => (await GetAsync(host, migrationId)).Status == status, timeout, $"migration {migrationId} to be {status}");
        return await GetAsync(host, migrationId);
    }

    private static async Task<List<(long BookingId, long Sequence)>> FailuresAsync(IncentivesHost host, string migrationId)
    {
        var failures = new List<(long, long)>();
        for (var offset = 0; ; offset += 1000)
        {
            using var response = await host.SendAsync(HttpMethod.Get, $"/migrate/incentives/history/{migrationId}/failures?offset={offset}&limit=1000", ApiRoles.Admin);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = (await response.Content.ReadFromJsonAsync<List<IncentiveMigrationFailure>>())!;
            // Every failure gives its reason; the last page may be empty (no failures, or a multiple of 1000).
            page.Should().NotContain(f => f.Reason.Length == 0);
            failures.AddRange(page.Select(f => (f.NomisBookingId, f.NomisIncentiveSequence)));
            if (page.Count < 1000)
            {
                return failures;
            }
        }
    }

    private static async Task<List<(long BookingId, long Sequence)>> MigratedKeysAsync(IncentivesHost host, string migrationId)
    {
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select nomis_booking_id, nomis_incentive_sequence from incentive_mapping where label = $1 and mapping_type = 'MIGRATED'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = migrationId });
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<(long, long)>();
        while (await reader.ReadAsync())
        {
            keys.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return keys;
    }
}
