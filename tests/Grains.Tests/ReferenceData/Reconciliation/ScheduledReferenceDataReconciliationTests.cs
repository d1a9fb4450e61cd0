using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.Nomis.ReferenceData;

namespace OrleansSync.Grains.Tests.ReferenceData.Reconciliation;

/// <summary>The scheduled reference-data reconciliation finds what differs in NOMIS, repairs it when configured to, and its report outlives the host.</summary>
public sealed class ScheduledReferenceDataReconciliationTests
{
    /// <summary>The schedule fires at most a minute in; the rest is slack for a loaded machine.</summary>
    private static readonly TimeSpan ScheduleDeadline = TimeSpan.FromSeconds(150);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_scheduled_run_finds_a_level_changed_in_NOMIS_repairs_it_and_its_report_is_readable_after_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync(nameof(ScheduledReferenceDataReconciliationTests));
        ReferenceDataReconciliationReport last;
        await using (var first = IncentivesHost.Restart(database, new Dictionary<string, string?>
        {
            // Every minute, so the test waits at most one; the production default is daily.
            ["ReferenceData:Reconciliation:Schedule"] = "* * * * *",
            ["ReferenceData:Reconciliation:Repair"] = "true",
        }))
        {
            first.Nomis.ReferenceData.UpdateCode("EN2", new UpdateReferenceCodeRequest("Enhanced two", true));
            var reconciliation = first.Grains.GetGrain<IReferenceDataReconciliationGrain>(IReferenceDataReconciliationGrain.Key);

            await Eventually.TrueAsync(async () => await reconciliation.GetLastAsync() is { Trigger: ReferenceDataReconciliationReport.Scheduled, MismatchCount: > 0 },
                ScheduleDeadline, "a scheduled reconciliation to run and find EN2");
            await Eventually.TrueAsync(() => Task.FromResult(first.Nomis.ReferenceData.GetCode("EN2").Description == "Enhanced 2"), Deadline, "the repair to push EN2's name to NOMIS again");

            // The schedule may have come round again since (finding nothing): the last report is whichever ran last.
            last = (await reconciliation.GetLastAsync())!;
        }

        await using var second = IncentivesHost.Restart(database, new Dictionary<string, string?> { ["ReferenceData:Reconciliation:Schedule"] = "off" });
        using var response = await second.SendAsync(HttpMethod.Get, "/incentive/reference-data/reconciliation", ApiRoles.Reader);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await response.Content.ReadFromJsonAsync<ReferenceDataReconciliationReport>(JsonSerializerOptions.Web))!;

        report.Trigger.Should().Be(ReferenceDataReconciliationReport.Scheduled);
        report.FinishedAt.Should().BeCloseTo(last.FinishedAt, TimeSpan.FromMilliseconds(1), "the last report is the one persisted before the restart");
        report.MismatchCount.Should().Be(last.MismatchCount);
        report.LevelsChecked.Should().Be(6);

        var found = await second.ScalarAsync<string>(
            "select mismatches::text from reference_data_reconciliation where trigger = 'SCHEDULED' and mismatch_count = 1 and repaired = 1 order by report_id limit 1");
        JsonSerializer.Deserialize<List<ReferenceDataMismatch>>(found!, JsonSerializerOptions.Web).Should().Equal(
            new ReferenceDataMismatch("level/EN2", "Enhanced 2, active True", "Enhanced two, active True"));
    }
}
