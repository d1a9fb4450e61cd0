using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.Nomis;

namespace OrleansSync.Grains.Tests.Incentives;

/// <summary>IEPs recorded on the NOMIS IEP screen reach DPS once, are mapped, and are not sent back to NOMIS.</summary>
public sealed class NomisToDpsSyncTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(NomisToDpsSyncTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_NOMIS_review_lands_in_DPS_exactly_once_and_is_not_echoed_back()
    {
        _host.SeedPrisoner("A2001ND", 201, "LEI");
        var echoesBefore = _host.Metrics.EchoesSuppressed(IncentivesMetrics.DpsToNomis);

        var written = await _host.RecordNomisIepAsync("A2001ND", "ENH", comment: "Promoted");

        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A2001ND")).Reviews.Count == 1, Deadline, "the NOMIS IEP to reach DPS");
        var entry = (await _host.SyncStatusAsync("A2001ND")).Reviews.Single();
        entry.IepCode.Should().Be("ENH");
        entry.Current.Should().BeTrue();
        entry.Origin.Should().Be("NOMIS");
        entry.Mapping!.MappingType.Should().Be(IncentiveMapping.NomisCreated);
        (entry.Mapping.NomisBookingId, entry.Mapping.NomisIncentiveSequence).Should().Be((written.BookingId, written.Sequence));

        var summary = await _host.Grains.GetGrain<IIncentiveReviewReaderGrain>("prisoner/A2001ND").GetPrisonerSummaryAsync("A2001ND", withDetails: true);
        summary!.IepCode.Should().Be("ENH");
        summary.IepLevel.Should().Be("Enhanced");
        summary.BookingId.Should().Be(201);
        var detail = summary.IepDetails.Should().ContainSingle().Subject;
        detail.ReviewType.Should().Be(ReviewTypes.Review);
        detail.Comments.Should().Be("Promoted");
        detail.AgencyId.Should().Be("LEI");

        // Its incentives.iep-review.inserted carries USER_CREATED_NOMIS, so it is not pushed back.
        await Eventually.TrueAsync(() => _host.Metrics.EchoesSuppressed(IncentivesMetrics.DpsToNomis) > echoesBefore, Deadline, "the review's own domain event to be recognised as coming from NOMIS");
        _host.NomisIeps("A2001ND").Should().ContainSingle();
        (await _host.SyncStatusAsync("A2001ND")).Reviews.Should().ContainSingle();
    }

    [Fact]
    public async Task The_same_offender_event_twice_changes_nothing()
    {
        _host.SeedPrisoner("A2002ND", 202);
        var written = await _host.RecordNomisIepAsync("A2002ND", "STD");
        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A2002ND")).Reviews.Count == 1, Deadline, "the NOMIS IEP to reach DPS");
        var unchangedBefore = _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "unchanged");

        // The emitted event again, under a new SNS message id so the gateway's own de-duplication does not catch it.
        var envelope = JsonNode.Parse(JsonSerializer.Serialize(written.Event!.Envelope))!.AsObject();
        envelope["MessageId"] = Guid.NewGuid().ToString();
        using var response = await _host.SendAsync(HttpMethod.Post, "/events/offender-events", ApiRoles.Operator, envelope);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "unchanged") > unchangedBefore, Deadline, "the repeated event to be handled");
        (await _host.SyncStatusAsync("A2002ND")).Reviews.Should().ContainSingle();
        _host.NomisIeps("A2002ND").Should().ContainSingle();
    }

    [Fact]
    public async Task Updates_and_deletes_in_NOMIS_follow_to_DPS_and_keep_the_current_review_right()
    {
        _host.SeedPrisoner("A2003ND", 203);
        var first = await _host.RecordNomisIepAsync("A2003ND", "STD");
        var second = await _host.RecordNomisIepAsync("A2003ND", "ENH");
        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A2003ND")).Reviews.Count == 2, Deadline, "both NOMIS IEPs to reach DPS");
        (await CurrentLevelAsync("A2003ND")).Should().Be("ENH");

        using (var update = await _host.Client.PutAsJsonAsync($"/sim/nomis/admin/prisoners/A2003ND/iep/{second.Sequence}", new { iepLevel = "EN2", comment = "Corrected" }))
        {
            update.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(async () => await CurrentLevelAsync("A2003ND") == "EN2", Deadline, "the NOMIS update to reach DPS");

        // An update to the older, non-current IEP changes it in DPS and leaves the current review as it is.
        var updatedBefore = _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "updated");
        using (var older = await _host.Client.PutAsJsonAsync($"/sim/nomis/admin/prisoners/A2003ND/iep/{first.Sequence}", new { comment = "Older, amended" }))
        {
            older.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "updated") > updatedBefore, Deadline, "the update of the older IEP to reach DPS");
        var current = (await _host.SyncStatusAsync("A2003ND")).Reviews.Single(r => r.Current);
        (current.IepCode, current.Mapping!.NomisIncentiveSequence).Should().Be(("EN2", second.Sequence));

        // NOMIS deletes the current IEP: DPS deletes its review and the earlier one is current again.
        using (var delete = await _host.Client.DeleteAsync($"/sim/nomis/admin/prisoners/A2003ND/iep/{second.Sequence}"))
        {
            delete.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A2003ND")).Reviews.Count == 1, Deadline, "the NOMIS delete to reach DPS");
        var remaining = (await _host.SyncStatusAsync("A2003ND")).Reviews.Single();
        remaining.Mapping!.NomisIncentiveSequence.Should().Be(first.Sequence);
        remaining.Current.Should().BeTrue();
    }

    [Fact]
    public async Task IEPs_written_by_other_NOMIS_screens_are_not_synchronised_and_unmapped_deletes_are_ignored()
    {
        _host.SeedPrisoner("A2004ND", 204);
        var ignoredBefore = _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "ignored");

        var transfer = await _host.RecordNomisIepAsync("A2004ND", "STD", auditModule: "OIDADMIS");
        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "ignored") > ignoredBefore, Deadline, "the admission screen's IEP to be ignored");

        using (var delete = await _host.Client.DeleteAsync($"/sim/nomis/admin/prisoners/A2004ND/iep/{transfer.Sequence}"))
        {
            delete.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "ignored") > ignoredBefore + 1, Deadline, "the delete of an unmapped IEP to be ignored");
        (await _host.SyncStatusAsync("A2004ND")).Reviews.Should().BeEmpty();
    }

    [Fact]
    public async Task The_offender_event_fixtures_are_accepted_raw_and_in_their_SNS_envelopes()
    {
        // The fixtures are about G4803UT, booking 1234, IEP 1, recorded on the IEP screen.
        _host.SeedPrisoner("G4803UT", 1234);
        await _host.RecordNomisIepAsync("G4803UT", "STD");
        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("G4803UT")).Reviews.Count == 1, Deadline, "the IEP to reach DPS");
        var unchangedBefore = _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "unchanged");

        foreach (var fixture in (string[])["iep-upserted-offender-event.json", "iep-upserted-offender-event-sns-envelope.json"])
        {
            using var content = new StringContent(HmppsFixtures.Text(fixture), System.Text.Encoding.UTF8, "application/json");
            using var request = _host.Request(HttpMethod.Post, "/events/offender-events", ApiRoles.Operator);
            request.Content = content;
            using var response = await _host.Client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.Accepted, $"{fixture} must be accepted as it is");
        }

        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.NomisToDps, "unchanged") >= unchangedBefore + 2, Deadline, "both fixtures to be handled as repeats of the synchronised IEP");
        (await _host.SyncStatusAsync("G4803UT")).Reviews.Should().ContainSingle();
    }

    private async Task<string?> CurrentLevelAsync(string prisonerNumber) =>
        (await _host.SyncStatusAsync(prisonerNumber)).Reviews.SingleOrDefault(r => r.Current)?.IepCode;
}
