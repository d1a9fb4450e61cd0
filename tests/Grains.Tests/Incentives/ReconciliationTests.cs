using System.Net;
using System.Net.Http.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.Incentives;

/// <summary>Reconciliation compares every active prisoner's current level on both sides; repair re-sends DPS' current review.</summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(ReconciliationTests), new Dictionary<string, string?>
    {
        ["Incentives:Reconciliation:PageSize"] = "2",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task On_demand_reconciliation_reports_each_mismatch_and_repair_mends_it()
    {
        // In step: recorded in NOMIS, synchronised.
        _host.SeedPrisoner("A4001RC", 401);
        await _host.RecordNomisIepAsync("A4001RC", "ENH");
        // NOMIS only: written by the admission screen, which is not synchronised.
        _host.SeedPrisoner("A4002RC", 402);
        await _host.RecordNomisIepAsync("A4002RC", "STD", auditModule: "OIDADMIS");
        // Drifted: DPS in step since its review last week, then NOMIS changed today by another screen.
        _host.SeedPrisoner("A4003RC", 403);
        await _host.Grains.GetGrain<IIncentivePrisonerGrain>("A4003RC").CreateReviewAsync(
            new CreateIncentiveReview("EN2", "Reviewed in DPS last week", ReviewTypes.Review, DateTime.Now.AddDays(-7), "DPS_USER"));
        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A4001RC")).Reviews.Count == 1 && (await _host.SyncStatusAsync("A4003RC")).Reviews.Single().Mapping is not null,
            Deadline, "the synchronised prisoners to be in step");
        await _host.RecordNomisIepAsync("A4003RC", "BAS", auditModule: "OIDADMIS");
        // No IEP anywhere: nothing to compare, not a mismatch.
        _host.SeedPrisoner("A4004RC", 404);
        await Eventually.TrueAsync(() => _host.NomisEventsDelivered("A4003RC") && _host.NomisEventsDelivered("A4002RC"), Deadline, "NOMIS' events to be delivered");
        var mismatchesBefore = _host.Metrics.Count("incentives.reconciliation.mismatches");

        var report = await ReconcileAsync();

        report.Status.Should().Be(IncentiveReconciliationReport.Completed);
        report.PrisonersChecked.Should().Be(4);
        report.ErrorCount.Should().Be(0);
        report.Mismatches.Should().BeEquivalentTo(new[]
        {
            new IncentiveLevelMismatch("A4002RC", 402, "STD", null),
            new IncentiveLevelMismatch("A4003RC", 403, "BAS", "EN2"),
        });
        report.MismatchCount.Should().Be(2);
        // Each page's mismatches are counted once its commit is done, so the last page's can follow the report.
        await Eventually.TrueAsync(() => Task.FromResult(_host.Metrics.Count("incentives.reconciliation.mismatches") == mismatchesBefore + 2), Deadline,
            "the report's two mismatches to be counted", () => Task.FromResult($"counted {_host.Metrics.Count("incentives.reconciliation.mismatches") - mismatchesBefore}"));

        using (var repair = await _host.SendAsync(HttpMethod.Post, "/incentives/prisoner/A4003RC/repair", ApiRoles.Admin))
        {
            repair.StatusCode.Should().Be(HttpStatusCode.OK);
            var repaired = (await repair.Content.ReadFromJsonAsync<RepairResult>())!;
            repaired.Repaired.Should().BeTrue();
            repaired.IepCode.Should().Be("EN2");
        }

        _host.NomisIeps("A4003RC").Should().HaveCount(3);
        var after = await ReconcileAsync();
        after.Mismatches.Should().ContainSingle().Which.PrisonerNumber.Should().Be("A4002RC",
            "the repair made DPS' current level NOMIS' current one again, although the DPS review is older than the IEP that drifted");

        using var list = await _host.SendAsync(HttpMethod.Get, "/incentives/reconciliation?limit=5", ApiRoles.Reader);
        var reports = (await list.Content.ReadFromJsonAsync<List<IncentiveReconciliationReport>>())!;
        reports.Select(r => r.Id).Should().StartWith([after.Id, report.Id]);
    }

    [Fact]
    public async Task Repair_of_a_prisoner_without_a_current_DPS_review_is_not_found_and_needs_an_admin()
    {
        using (var notFound = await _host.SendAsync(HttpMethod.Post, "/incentives/prisoner/A4099RC/repair", ApiRoles.Admin))
        {
            notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using var forbidden = await _host.SendAsync(HttpMethod.Post, "/incentives/prisoner/A4099RC/repair", ApiRoles.Operator);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<IncentiveReconciliationReport> ReconcileAsync()
    {
        using var start = await _host.SendAsync(HttpMethod.Post, "/incentives/reconciliation", ApiRoles.Operator);
        start.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = start.Headers.Location!.ToString();

        IncentiveReconciliationReport? report = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await _host.SendAsync(HttpMethod.Get, location, ApiRoles.Reader);
            report = await response.Content.ReadFromJsonAsync<IncentiveReconciliationReport>();
            return report!.Status != IncentiveReconciliationReport.Running;
        }, Deadline, "the reconciliation report to finish");
        return report!;
    }
}
