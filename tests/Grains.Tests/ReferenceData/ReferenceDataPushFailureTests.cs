using System.Net;
using OrleansSync.Grains.ReferenceData;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

namespace OrleansSync.Grains.Tests.ReferenceData;

/// <summary>The push of reference data to NOMIS is retried, dead-lettered after its attempts, replayable, and loses nothing while NOMIS is down.</summary>
public sealed class ReferenceDataPushFailureTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(ReferenceDataPushFailureTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_push_NOMIS_refuses_becomes_a_dead_letter_and_its_replay_reaches_NOMIS()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/MRI/reset");
        await Eventually.TrueAsync(async () => await _host.ScalarAsync<long>("select count(*) from incentive_reference_nomis_push where entity = 'prison-level/MRI/STD'") == 1,
            Deadline, "the reset to reach NOMIS");

        _host.SetNomisFaults(new FaultSettings { FailureRate = 1.0 });
        try
        {
            await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/MRI/level/STD", new { visitOrders = 6 });
            await Eventually.TrueAsync(async () => (await DeadLettersAsync("MRI/STD")).Count == 1, Deadline, "the push to become a dead letter after its attempts");
            var deadLetter = (await DeadLettersAsync("MRI/STD")).Single();
            deadLetter.LastError.Should().Contain("503");
            Visits("MRI", "STD")!.RemandVisits.Should().Be(2, "nothing reached NOMIS while it failed");

            _host.SetNomisFaults(new FaultSettings { FailureRate = 0 });
            (await _host.DeadLetters.ReplayAsync(deadLetter.Id)).Should().BeTrue();
            await Eventually.TrueAsync(() => Visits("MRI", "STD")?.RemandVisits == 6, Deadline, "the replayed push to reach NOMIS");
        }
        finally
        {
            _host.SetNomisFaults(new FaultSettings { FailureRate = 0 });
        }
    }

    [Fact]
    public async Task Two_callers_changing_one_prison_level_are_serialised_and_NOMIS_ends_with_both_changes()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/LPI/reset");

        var first = _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/LPI/level/ENH", new { visitOrders = 7 });
        var second = _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/LPI/level/ENH", new { privilegedVisitOrders = 5 });
        await Task.WhenAll(first, second);

        var level = await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/LPI/level/ENH");
        (level.GetProperty("visitOrders").GetInt32(), level.GetProperty("privilegedVisitOrders").GetInt32()).Should().Be((7, 5), "neither change overwrote the other");
        await Eventually.TrueAsync(() => Visits("LPI", "ENH") is { RemandVisits: 7, Weekends: 5 }, Deadline, "NOMIS to hold both changes");
        (await DeadLettersAsync("LPI/ENH")).Should().BeEmpty();
    }

    [Fact]
    public async Task Reconciliation_finds_a_prison_level_changed_in_NOMIS_and_its_repair_pushes_the_hubs_again()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/WWI/reset");
        await Eventually.TrueAsync(async () => await _host.ScalarAsync<long>("select count(*) from incentive_reference_nomis_push where entity like 'prison-level/WWI/%'") == 3,
            Deadline, "the reset to reach NOMIS");
        _host.Nomis.ReferenceData.UpsertPrisonLevel("WWI", new("ENH", true, false, 9, 9, 1, 1, 1, 1));

        var (status, report) = await _host.CallAsync(HttpMethod.Post, "/incentive/reference-data/reconciliation", role: Api.Security.ApiRoles.Admin);
        status.Should().Be(HttpStatusCode.OK);
        report.GetProperty("mismatches").EnumerateArray().Select(m => m.GetProperty("entity").GetString()).Should().Contain("prison-level/WWI/ENH");
        report.GetProperty("levelsChecked").GetInt32().Should().BeGreaterThanOrEqualTo(6);
        (await _host.CallAsync(HttpMethod.Post, "/incentive/reference-data/reconciliation", role: Api.Security.ApiRoles.Reader)).Status.Should().Be(HttpStatusCode.Forbidden);

        await _host.CallAsync(HttpMethod.Post, "/incentive/reference-data/reconciliation?repair=true", role: Api.Security.ApiRoles.Admin);
        await Eventually.TrueAsync(() => Visits("WWI", "ENH") is { RemandVisits: 2, Weekends: 1 }, Deadline, "the repair to push the hub's ENH at WWI again");
        var (_, last) = await _host.CallAsync(HttpMethod.Get, "/incentive/reference-data/reconciliation", role: Api.Security.ApiRoles.Reader);
        last.GetProperty("repaired").GetInt32().Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Reconciliation_finds_an_other_privilege_and_a_prison_levels_privileges_changed_in_NOMIS_and_its_repair_pushes_the_hubs_again()
    {
        await _host.OkAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "GYM_REC", description = "Gym sessions" });
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/BXI/reset");
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/BXI/level/ENH/other-privileges", new[] { "GYM_REC" });
        // Both pushes recorded, so neither can run after NOMIS is changed below and put it right before the reconciliation looks.
        await Eventually.TrueAsync(async () => await _host.ScalarAsync<long>(
                "select count(*) from incentive_reference_nomis_push where entity in ('other-privilege/GYM_REC', 'other-privileges/BXI/ENH')") == 2,
            Deadline, "the privilege and its assignment to reach NOMIS");
        var nomis = _host.Nomis.OtherPrivileges;
        var sequence = nomis.GetCode("GYM_REC").Sequence;
        nomis.UpdateCode("GYM_REC", new UpdateOtherPrivilegeRequest("Gym", true));
        nomis.SetPrisonLevel("BXI", "ENH", new SetOtherPrivilegesRequest([]));

        var (status, report) = await _host.CallAsync(HttpMethod.Post, "/incentive/reference-data/reconciliation", role: Api.Security.ApiRoles.Admin);
        status.Should().Be(HttpStatusCode.OK);
        var mismatches = report.GetProperty("mismatches").EnumerateArray().ToDictionary(m => m.GetProperty("entity").GetString()!, m => (m.GetProperty("hub").GetString(), m.GetProperty("nomis").GetString()));
        mismatches.Should().Contain("other-privilege/GYM_REC", ($"Gym sessions, active True, sequence {sequence}", $"Gym, active True, sequence {sequence}"));
        mismatches.Should().Contain("other-privileges/BXI/ENH", ("[GYM_REC]", "[]"));
        nomis.GetCode("GYM_REC").Description.Should().Be("Gym", "a run without repair changes nothing");

        await _host.CallAsync(HttpMethod.Post, "/incentive/reference-data/reconciliation?repair=true", role: Api.Security.ApiRoles.Admin);
        await Eventually.TrueAsync(() => Task.FromResult(nomis.GetCode("GYM_REC").Description == "Gym sessions"), Deadline, "the repair to push the hub's GYM_REC again");
        await Eventually.TrueAsync(() => Task.FromResult(nomis.GetPrisonLevel("BXI", "ENH").PrivilegeCodes.SequenceEqual(["GYM_REC"])), Deadline,
            "the repair to push BXI ENH's privileges again");
        var (_, after) = await _host.CallAsync(HttpMethod.Post, "/incentive/reference-data/reconciliation", role: Api.Security.ApiRoles.Admin);
        after.GetProperty("mismatches").EnumerateArray().Select(m => m.GetProperty("entity").GetString()).Should().NotContain(new[] { "other-privilege/GYM_REC", "other-privileges/BXI/ENH" });
    }

    private Simulators.Nomis.ReferenceData.VisitAllowanceLevelRow? Visits(string prison, string code) =>
        _host.Nomis.ReferenceData.Tables().VisitAllowanceLevels.SingleOrDefault(r => r.AgyLocId == prison && r.IepLevelCode == code);

    private Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string key) =>
        _host.DeadLetters.ListAsync(new DeadLetterQuery(ReferenceDataStreams.PrisonLevelEvents, key));
}
