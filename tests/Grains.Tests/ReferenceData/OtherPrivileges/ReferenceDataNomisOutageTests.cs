using OrleansSync.Grains.ReferenceData;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Grains.Tests.ReferenceData.OtherPrivileges;

/// <summary>
/// NOMIS down then back: a level, a prison level, a privilege and an assignment changed while every NOMIS request
/// fails all reach NOMIS once it answers again, with no dead letter.
/// </summary>
public sealed class ReferenceDataNomisOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The stream's retry policy outlasts the outage: 100 attempts, backing off from 0.1 s to at most 1 s, keep a push
    /// retrying for well over a minute, while the outage below lasts a few seconds (until NOMIS has refused enough
    /// requests to show every push was tried and failed). With the tests' default 3 attempts it would dead-letter.
    /// </summary>
    private static readonly Dictionary<string, string?> OutlastingRetries = new()
    {
        ["Streams:MaxAttempts"] = "100",
        ["Streams:RetryBackoff"] = "00:00:00.100",
        ["Streams:RetryBackoffMax"] = "00:00:01",
    };

    /// <summary>Requests NOMIS refuses before it comes back: several failed attempts of each of the four pushes.</summary>
    private const int RefusedRequests = 60;

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(ReferenceDataNomisOutageTests), OutlastingRetries);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Changes_made_while_NOMIS_is_down_all_reach_it_when_it_is_back_with_no_dead_letter()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/reset");
        await Eventually.TrueAsync(async () => await _host.ScalarAsync<long>("select count(*) from incentive_reference_nomis_push where entity like 'prison-level/MDI/%'") == 3,
            Deadline, "the reset to reach NOMIS before it goes down");
        var refusedBefore = _host.Nomis.Faults.Statistics.InjectedFailures;

        _host.SetNomisFaults(new FaultSettings { FailureRate = 1.0 });
        try
        {
            await _host.OkAsync(HttpMethod.Patch, "/incentive/levels/EN2", new { name = "Enhanced two" });
            await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/MDI/level/STD", new { visitOrders = 5 });
            await _host.OkAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "RADIO", description = "In-cell radio" });
            await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/level/STD/other-privileges", new[] { "RADIO" });

            await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.Faults.Statistics.InjectedFailures - refusedBefore >= RefusedRequests),
                Deadline, "the pushes to be tried and refused while NOMIS is down");
            NomisLevelName("EN2").Should().NotBe("Enhanced two", "nothing reaches NOMIS while it is down");
            _host.Nomis.OtherPrivileges.Tables().ReferenceCodes.Should().BeEmpty();
        }
        finally
        {
            _host.SetNomisFaults(new FaultSettings { FailureRate = 0 });
        }

        await Eventually.TrueAsync(() => Task.FromResult(NomisLevelName("EN2") == "Enhanced two"), Deadline, "the level's new name to reach NOMIS");
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.ReferenceData.Tables().VisitAllowanceLevels.Any(r => r is { AgyLocId: "MDI", IepLevelCode: "STD", RemandVisits: 5 })),
            Deadline, "the prison level's visit orders to reach NOMIS");
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.OtherPrivileges.Tables().ReferenceCodes.Any(c => c is { Code: "RADIO", Description: "In-cell radio" })),
            Deadline, "the privilege to reach NOMIS");
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.OtherPrivileges.Tables().OtherPrivilegesLevels.Any(r => r is { AgyLocId: "MDI", IepLevel: "STD", PrivilegeCode: "RADIO" })),
            Deadline, "the assignment to reach NOMIS");
        await Eventually.TrueAsync(async () => await _host.ScalarAsync<long>(
                "select count(*) from incentive_reference_nomis_push where entity in ('level/EN2', 'prison-level/MDI/STD', 'other-privilege/RADIO', 'other-privileges/MDI/STD') and pushed_at > now() - interval '5 minutes'") == 4,
            Deadline, "every push to be recorded");

        foreach (var streamNamespace in new[] { ReferenceDataStreams.LevelEvents, ReferenceDataStreams.PrisonLevelEvents, OtherPrivilegeStreams.PrivilegeEvents, OtherPrivilegeStreams.PrisonLevelEvents })
        {
            (await _host.DeadLetters.ListAsync(new DeadLetterQuery(streamNamespace))).Should().BeEmpty($"no push of {streamNamespace} ran out of attempts");
        }
    }

    private string? NomisLevelName(string code) => _host.Nomis.ReferenceData.Tables().ReferenceCodes.SingleOrDefault(c => c.Code == code)?.Description;
}
