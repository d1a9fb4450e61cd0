using System.Net;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.ReferenceData;

/// <summary>Reviews take their levels from the reference data, and prisoner movements create admission and transfer reviews that reach NOMIS.</summary>
public sealed class ReviewsUseReferenceDataTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(ReviewsUseReferenceDataTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_review_level_must_be_active_in_the_prisoners_prison()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/reset");
        _host.SeedPrisoner("A6001RL", 6001, "MDI");

        var (refused, problem) = await _host.CallAsync(HttpMethod.Post, "/incentive-reviews/prisoner/A6001RL", new { iepLevel = "EN2", comment = "Not here" }, ApiRoles.Operator);
        refused.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("iepLevel")[0].GetString().Should().Contain("not active in prison MDI");
        (await _host.SyncStatusAsync("A6001RL")).Reviews.Should().BeEmpty("nothing is recorded");

        // A level created here can be given once it is active in the prison.
        await _host.OkAsync(HttpMethod.Post, "/incentive/levels", new { code = "EN4", name = "Enhanced 4" });
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/MDI/level/EN4", new { active = true });
        var (created, _) = await _host.CallAsync(HttpMethod.Post, "/incentive-reviews/prisoner/A6001RL", new { iepLevel = "EN4", comment = "Very good" }, ApiRoles.Operator);
        created.Should().Be(HttpStatusCode.Created);
        await Eventually.TrueAsync(() => _host.NomisIeps("A6001RL").Any(i => i.IepLevel.Code == "EN4"), Deadline, "the EN4 review to reach NOMIS");
    }

    [Fact]
    public async Task A_new_admission_gets_an_initial_review_at_the_prisons_default_which_reaches_NOMIS()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/WAI/reset");
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/WAI/level/BAS", new { defaultOnAdmission = true });
        _host.SeedPrisoner("A6002RL", 6002, "WAI");

        await ReceiveAsync("A6002RL", "WAI", "NEW_ADMISSION");

        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A6002RL")).Reviews.Any(r => r.Mapping is not null), Deadline, "the initial review to be recorded and sent to NOMIS");
        var summary = await _host.OkAsync(HttpMethod.Get, "/incentive-reviews/prisoner/A6002RL?with-details=true");
        summary.GetProperty("iepCode").GetString().Should().Be("BAS", "BAS is WAI's default on admission");
        summary.GetProperty("iepDetails")[0].GetProperty("reviewType").GetString().Should().Be(ReviewTypes.Initial);
        _host.NomisIeps("A6002RL").Should().ContainSingle(i => i.IepLevel.Code == "BAS");
    }

    [Fact]
    public async Task A_transfer_keeps_the_level_when_the_new_prison_has_it_and_takes_the_default_otherwise()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/LEI/reset");
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/LEI/level/EN2", new { active = true });
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/BMI/reset");
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/BXI/reset");
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/BXI/level/EN2", new { active = true });
        _host.SeedPrisoner("A6003RL", 6003, "LEI");
        (await _host.CallAsync(HttpMethod.Post, "/incentive-reviews/prisoner/A6003RL", new { iepLevel = "EN2", comment = "Enhanced" }, ApiRoles.Operator)).Status.Should().Be(HttpStatusCode.Created);

        _host.SeedPrisoner("A6003RL", 6003, "BXI");
        await ReceiveAsync("A6003RL", "BXI", "TRANSFERRED");
        await Eventually.TrueAsync(async () => (await CurrentAsync("A6003RL")) is ("EN2", "TRANSFER", "BXI"), Deadline, "a transfer review keeping EN2, active in BXI");

        _host.SeedPrisoner("A6003RL", 6003, "BMI");
        await ReceiveAsync("A6003RL", "BMI", "TRANSFERRED");
        await Eventually.TrueAsync(async () => (await CurrentAsync("A6003RL")) is ("STD", "TRANSFER", "BMI"), Deadline, "a transfer review at BMI's default, as EN2 is not active there");
        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A6003RL")).Reviews.All(r => r.Mapping is not null), Deadline, "every review to reach NOMIS");
    }

    private async Task<(string? Level, string? Type, string? Prison)> CurrentAsync(string prisonerNumber)
    {
        var (status, summary) = await _host.CallAsync(HttpMethod.Get, $"/incentive-reviews/prisoner/{prisonerNumber}?with-details=true", role: ApiRoles.Reader);
        if (status != HttpStatusCode.OK)
        {
            return default;
        }

        var latest = summary.GetProperty("iepDetails")[0];
        return (summary.GetProperty("iepCode").GetString(), latest.GetProperty("reviewType").GetString(), latest.GetProperty("agencyId").GetString());
    }

    private async Task ReceiveAsync(string nomsNumber, string prisonId, string reason)
    {
        var received = new
        {
            eventType = PrisonerReceivedEvent.EventType,
            version = 1,
            description = "A prisoner has been received into prison",
            occurredAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            additionalInformation = new { nomsNumber, prisonId, reason, details = (string?)null },
            personReference = new { identifiers = new[] { new { type = "NOMS", value = nomsNumber } } },
        };
        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/events/domain-events", received, ApiRoles.Operator);
        status.Should().Be(HttpStatusCode.Accepted, body.ValueKind == JsonValueKind.Undefined ? "" : body.ToString());
    }
}
