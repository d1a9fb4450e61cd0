using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData.Migration;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Nomis.ReferenceData;
using OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;
using Xunit.Abstractions;

namespace OrleansSync.Grains.Tests.ReferenceData.Migration;

/// <summary>
/// The one-time migration of levels, prison levels and other privileges from NOMIS: a restart only pauses a run, every row is
/// migrated once, a row that breaks a rule is skipped with its reason, and nothing migrated is pushed back to NOMIS.
/// </summary>
public sealed class ReferenceDataMigrationTests(ITestOutputHelper output)
{
    /// <summary>Generous: the machine is shared by several builds and test runs.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["ReferenceData:Migration:TickInterval"] = "00:00:00.100",
        // Each NOMIS failure fails the step, so the test sees the next tick take it again.
        ["Incentives:Nomis:RetryAttempts"] = "0",
        ["ReferenceData:Reconciliation:Schedule"] = "off",
        // A restarted host's first ticks may run before the test wires its NOMIS transport (connection refused):
        // at 100 ms ticks the default limit would give those prisons up as failed. No test here relies on giving up.
        ["ReferenceData:Migration:MaxAttempts"] = "1000",
    };

    /// <summary>The NOMIS simulator's prisons, each seeded with BAS, STD (the default) and ENH.</summary>
    private static readonly string[] Prisons = ["MDI", "WAI", "LEI", "BXI", "BMI", "MRI", "LPI", "WWI"];

    [Fact]
    public async Task A_migration_of_several_prisons_stopped_by_a_silo_restart_completes_after_it_with_every_row_migrated_once()
    {
        await using var database = await TestDatabase.CreateAsync(nameof(ReferenceDataMigrationTests) + "_restart");
        string migrationId;
        int doneBeforeRestart;
        await using (var first = IncentivesHost.Restart(database, Settings))
        {
            // Slow NOMIS: each prison takes six reads, so the run is still going when the silo stops.
            first.SetNomisFaults(new FaultSettings { LatencyMs = 200 });
            var started = await first.Grains.GetGrain<IReferenceDataMigrationsGrain>(IReferenceDataMigrationsGrain.Key).StartAsync(new ReferenceDataMigrationRequest(Prisons, [], []));
            started.Started.Should().BeTrue();
            migrationId = started.Migration!.MigrationId;
            await Eventually.TrueAsync(async () => (await GetAsync(first, migrationId)).Prisons.Count(p => p.Done) >= 2, Deadline, "the run to be two prisons in");
            doneBeforeRestart = (await GetAsync(first, migrationId)).Prisons.Count(p => p.Done);
        }

        // A new process: NOMIS starts with the same data; the run's progress is only in the database.
        await using var second = IncentivesHost.Restart(database, Settings);
        await Eventually.TrueAsync(async () => (await GetAsync(second, migrationId)).Status == ReferenceDataMigrationReport.Completed, Deadline, "the run to complete after the restart");
        var report = await GetAsync(second, migrationId);

        output.WriteLine($"{doneBeforeRestart} of {Prisons.Length} prisons done before the restart");
        doneBeforeRestart.Should().BeLessThan(Prisons.Length, "the restart stopped the run part way");
        report.Levels.Should().Be(new ReferenceDataMigrationCounts(0, 6, 0, 0), "the hub's six levels are NOMIS' already");
        report.Prisons.Should().OnlyContain(p => p.Done && p.Counts == new ReferenceDataMigrationCounts(3, 0, 0, 0), "each prison's BAS, STD and ENH were migrated, none found already there (migrated twice)");
        report.PrisonLevels.Should().Be(new ReferenceDataMigrationCounts(Prisons.Length * 3, 0, 0, 0));
        report.NotMigrated.Should().BeEmpty();
        (await second.ScalarAsync<long>("select count(*) from reference_data_migration_item where migration_id = $1 and prison_id is not null", migrationId))
            .Should().Be(Prisons.Length * 3, "each NOMIS row is recorded once (the primary key refuses a second)");
        (await second.ScalarAsync<long>("select count(*) from prison_incentive_level where active")).Should().Be(Prisons.Length * 3);
        (await second.ScalarAsync<long>("select count(*) from prison_incentive_level where default_on_admission and level_code = 'STD'")).Should().Be(Prisons.Length);
    }

    [Fact]
    public async Task The_report_lists_rows_that_break_a_rule_as_skipped_with_the_reason_and_nothing_is_pushed_back_to_NOMIS()
    {
        await using var host = await IncentivesHost.StartAsync(nameof(ReferenceDataMigrationTests), Settings);
        var nomis = host.Nomis.ReferenceData;
        nomis.CreateCode(new CreateReferenceCodeRequest("EN4", "Enhanced 4", true));
        // TWO has two defaults, NOD none: prison-wide rule 204, so each is skipped whole.
        nomis.UpsertPrisonLevel("TWO", new PrisonIncentiveLevelRequest("BAS", true, true, 2, 1, 2750, 27500, 550, 5500));
        nomis.UpsertPrisonLevel("TWO", new PrisonIncentiveLevelRequest("STD", true, true, 2, 1, 6050, 60500, 1980, 19800));
        foreach (var code in new[] { "BAS", "STD", "ENH" })
        {
            nomis.UpsertPrisonLevel("NOD", new PrisonIncentiveLevelRequest(code, true, false, 2, 1, 6600, 66000, 3300, 33000));
        }

        // MDI's EN2 has no visit allowance row: that row alone is skipped; MDI's others are migrated.
        nomis.UpsertPrisonLevel("MDI", new PrisonIncentiveLevelRequest("EN2", true, false, null, null, 7000, 70000, 3500, 35000));
        nomis.UpsertPrisonLevel("MDI", new PrisonIncentiveLevelRequest("STD", true, true, 3, 2, 6100, 61000, 2000, 20000));

        // Other privileges: TV is named by the request and migrated, with MDI ENH's set; GYM is not named, so MDI STD's set
        // (TV and GYM) is skipped; MDI EN2's set is skipped with its level (not active in MDI in the hub).
        var privileges = host.Nomis.OtherPrivileges;
        privileges.CreateCode(new CreateOtherPrivilegeRequest("TV", "In-cell television", true, 3));
        privileges.CreateCode(new CreateOtherPrivilegeRequest("GYM", "Gym", true, 4));
        privileges.SetPrisonLevel("MDI", "ENH", new SetOtherPrivilegesRequest(["TV"]));
        privileges.SetPrisonLevel("MDI", "STD", new SetOtherPrivilegesRequest(["TV", "GYM"]));
        privileges.SetPrisonLevel("MDI", "EN2", new SetOtherPrivilegesRequest(["TV"]));
        var nomisBefore = JsonSerializer.Serialize(nomis.Tables()) + JsonSerializer.Serialize(privileges.Tables());

        (await SendAsync(host, ApiRoles.Reader, new { prisonIds = new[] { "MDI" } })).Status.Should().Be(HttpStatusCode.Forbidden);
        var (badStatus, badBody) = await SendAsync(host, ApiRoles.Admin, new { prisonIds = new[] { "MDI", "mdi" }, levelCodes = new[] { "TOO-LONG" }, privilegeCodes = new[] { "TV", "in cell" } });
        badStatus.Should().Be(HttpStatusCode.BadRequest);
        badBody.Should().Contain("prisonIds[1]").And.Contain("levelCodes[0]").And.Contain("privilegeCodes[1]");
        (await SendAsync(host, ApiRoles.Admin, new { })).Body.Should().Contain("prisonIds", "no prison is named or configured");
        (await host.ScalarAsync<long>("select count(*) from reference_data_migration")).Should().Be(0, "a refused request writes nothing");

        // NOMIS fails the first two reads: the levels step is taken again at the next ticks, and nothing is lost.
        host.SetNomisFaults(new FaultSettings { FailNext = 2, LatencyMs = 100 });
        var (status, body) = await SendAsync(host, ApiRoles.Admin, new { prisonIds = new[] { "MDI", "TWO", "NOD" }, levelCodes = new[] { "EN4", "EN9" }, privilegeCodes = new[] { "TV", "NOPE" } });
        status.Should().Be(HttpStatusCode.Accepted, body);
        var migrationId = JsonDocument.Parse(body).RootElement.GetProperty("migrationId").GetString()!;
        var (again, againBody) = await SendAsync(host, ApiRoles.Admin, new { prisonIds = new[] { "LEI" } });
        again.Should().Be(HttpStatusCode.Conflict, "one run at a time");
        againBody.Should().Contain(migrationId);

        await Eventually.TrueAsync(async () => (await GetAsync(host, migrationId)).Status == ReferenceDataMigrationReport.Completed, Deadline, "the run to complete");
        using var response = await host.SendAsync(HttpMethod.Get, $"/incentive/reference-data/migration/{migrationId}", ApiRoles.Reader);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await response.Content.ReadFromJsonAsync<ReferenceDataMigrationReport>(JsonSerializerOptions.Web))!;
        output.WriteLine(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));

        report.Levels.Should().Be(new ReferenceDataMigrationCounts(1, 6, 1, 0), "EN4 is new to the hub, EN9 is not in NOMIS, the rest match");
        report.Prisons.Should().Equal(
            new ReferenceDataMigrationPrison("MDI", true, new ReferenceDataMigrationCounts(3, 0, 1, 0)),
            new ReferenceDataMigrationPrison("TWO", true, new ReferenceDataMigrationCounts(0, 0, 2, 0)),
            new ReferenceDataMigrationPrison("NOD", true, new ReferenceDataMigrationCounts(0, 0, 3, 0)));
        var reasons = report.NotMigrated.ToDictionary(i => i.Entity, i => i.Reason);
        report.OtherPrivileges.Should().Be(new ReferenceDataMigrationCounts(1, 0, 1, 0), "TV is new to the hub, NOPE is not in NOMIS");
        report.PrisonLevelOtherPrivileges.Should().Be(new ReferenceDataMigrationCounts(1, 0, 2, 0), "MDI ENH's set is taken, STD's and EN2's are skipped");
        report.PrivilegeCodes.Should().Equal("TV", "NOPE");
        reasons.Keys.Should().BeEquivalentTo("level/EN9", "prison-level/MDI/EN2", "prison-level/TWO/BAS", "prison-level/TWO/STD", "prison-level/NOD/BAS", "prison-level/NOD/ENH", "prison-level/NOD/STD",
            "other-privilege/NOPE", "other-privileges/MDI/STD", "other-privileges/MDI/EN2");
        report.NotMigrated.Should().OnlyContain(i => i.Outcome == ReferenceDataMigrationOutcomes.Skipped);
        reasons["level/EN9"].Should().Contain("no IEP_LEVEL reference code EN9");
        reasons["prison-level/MDI/EN2"].Should().Contain("visitOrders");
        reasons["prison-level/TWO/BAS"].Should().Contain("204").And.Contain("BAS,STD");
        reasons["prison-level/NOD/STD"].Should().Contain("204").And.Contain("none");
        reasons["other-privilege/NOPE"].Should().Contain("no IEP_OTH_PRIV reference code NOPE");
        reasons["other-privileges/MDI/STD"].Should().Contain("GYM").And.Contain("not hub privileges");
        reasons["other-privileges/MDI/EN2"].Should().Contain("not active in prison MDI");

        var levels = await host.OkAsync(HttpMethod.Get, "/incentive/levels?with-inactive=true");
        levels.Codes().Should().Equal(new[] { "BAS", "ENT", "STD", "ENH", "EN2", "EN3", "EN4" }, "the hub's order follows NOMIS' sequence");
        var mdi = await host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/MDI");
        mdi.EnumerateArray().Select(l => (l.GetProperty("levelCode").GetString(), l.GetProperty("defaultOnAdmission").GetBoolean())).Should().Equal(("BAS", false), ("STD", true), ("ENH", false));
        var std = mdi.EnumerateArray().Single(l => l.GetProperty("levelCode").GetString() == "STD");
        (std.GetProperty("visitOrders").GetInt32(), std.GetProperty("privilegedVisitOrders").GetInt32(), std.GetProperty("convictedSpendLimitInPence").GetInt32()).Should().Be((3, 2, 20000));
        (await host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/TWO")).GetArrayLength().Should().Be(0, "a prison skipped whole writes nothing");
        var tv = (await host.OkAsync(HttpMethod.Get, "/incentive/other-privileges/TV"));
        (tv.GetProperty("description").GetString(), tv.GetProperty("active").GetBoolean(), tv.GetProperty("sequence").GetInt32()).Should().Be(("In-cell television", true, 3));
        (await host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/MDI/level/ENH/other-privileges")).GetProperty("privileges").EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()).Should().Equal("TV");
        (await host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/MDI/level/STD/other-privileges")).GetProperty("privileges").GetArrayLength().Should().Be(0, "a skipped set writes nothing");

        (JsonSerializer.Serialize(nomis.Tables()) + JsonSerializer.Serialize(privileges.Tables())).Should().Be(nomisBefore, "migrated rows are not pushed back to NOMIS");
        (await host.ScalarAsync<long>("select count(*) from stream_message where namespace like '%incentive-level%' or namespace like '%privilege%'"))
            .Should().Be(0, "the migration raises no change event");
        (await host.ScalarAsync<long>("select count(*) from incentive_reference_nomis_push")).Should().Be(0);

        var list = await host.OkAsync(HttpMethod.Get, "/incentive/reference-data/migration");
        list.EnumerateArray().Select(r => r.GetProperty("status").GetString()).Should().Equal(ReferenceDataMigrationReport.Completed);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(IncentivesHost host, string role, object body)
    {
        using var response = await host.SendAsync(HttpMethod.Post, "/incentive/reference-data/migration", role, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<ReferenceDataMigrationReport> GetAsync(IncentivesHost host, string migrationId) =>
        (await host.Grains.GetGrain<IReferenceDataMigrationsGrain>(IReferenceDataMigrationsGrain.Key).GetAsync(migrationId))!;
}
