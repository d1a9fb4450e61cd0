using System.Net;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.ReferenceData;

/// <summary>
/// The acceptance path: the seeded levels are listed in order, and creating a level, setting a prison
/// level's spend limits and visit allowances, and reordering each reach the NOMIS simulator's tables.
/// </summary>
public sealed class IncentiveReferenceDataSyncTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(IncentiveReferenceDataSyncTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_levels_are_BAS_STD_ENH_EN2_EN3_in_order_in_the_shape_of_the_incentives_api()
    {
        var (status, levels) = await _host.CallAsync(HttpMethod.Get, "/incentive/levels", role: ApiRoles.Reader);

        status.Should().Be(HttpStatusCode.OK);
        levels.Codes().Should().Equal("BAS", "STD", "ENH", "EN2", "EN3");
        var fixture = HmppsFixtures.Element("incentive-levels-with-inactive-response.json");
        var withInactive = await _host.OkAsync(HttpMethod.Get, "/incentive/levels?with-inactive=true");
        withInactive.ToString().Should().Be(JsonSerializer.Serialize(fixture), "the seeded levels are the contract's, inactive Entry included");

        var one = await _host.OkAsync(HttpMethod.Get, "/incentive/levels/BAS");
        HmppsFixtures.Keys(one).Should().Equal(HmppsFixtures.Keys(HmppsFixtures.Element("incentive-level-response.json")));
        (await _host.CallAsync(HttpMethod.Get, "/incentive/levels/XYZ")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_level_reaches_NOMIS_reference_codes()
    {
        var created = await _host.OkAsync(HttpMethod.Post, "/incentive/levels", new { code = "EN4", name = "Enhanced 4", active = true, required = false });

        created.ToString().Should().Be("""{"code":"EN4","name":"Enhanced 4","active":true,"required":false}""");
        (await _host.OkAsync(HttpMethod.Get, "/incentive/levels")).Codes().Should().EndWith("EN4");
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.ReferenceData.Tables().ReferenceCodes.Any(c => c is { Code: "EN4", Description: "Enhanced 4", Active: true, Domain: "IEP_LEVEL" })),
            Deadline, "EN4 to be created in NOMIS' REFERENCE_CODES");

        await _host.OkAsync(HttpMethod.Patch, "/incentive/levels/EN4", new { name = "Enhanced four" });
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.ReferenceData.Tables().ReferenceCodes.Single(c => c.Code == "EN4").Description == "Enhanced four"),
            Deadline, "the new name to be written to NOMIS");
    }

    [Fact]
    public async Task A_prison_levels_spend_limits_and_visit_allowances_reach_IEP_LEVELS_and_VISIT_ALLOWANCE_LEVELS()
    {
        var reset = await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/LEI/reset");
        reset.EnumerateArray().Select(l => (l.GetProperty("levelCode").GetString(), l.GetProperty("defaultOnAdmission").GetBoolean()))
            .Should().Equal(("BAS", false), ("STD", true), ("ENH", false));

        var patched = await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/LEI/level/EN2", new
        {
            remandTransferLimitInPence = 7000, remandSpendLimitInPence = 70000, convictedTransferLimitInPence = 3500, convictedSpendLimitInPence = 35000,
            visitOrders = 3, privilegedVisitOrders = 2,
        });
        HmppsFixtures.Keys(patched).Should().Equal(HmppsFixtures.Keys(HmppsFixtures.Element("prison-incentive-level-response.json")));
        patched.GetProperty("active").GetBoolean().Should().BeTrue("a new prison level starts active");
        patched.GetProperty("levelName").GetString().Should().Be("Enhanced 2");

        await Eventually.TrueAsync(() => Task.FromResult(NomisHas("LEI", "EN2", 3500, 3, 2)), Deadline, "EN2 at LEI to reach NOMIS");
        var tables = _host.Nomis.ReferenceData.Tables();
        var iepLevel = tables.IepLevels.Single(r => r is { AgyLocId: "LEI", IepLevel: "EN2" });
        (iepLevel.RemandTransferLimit, iepLevel.RemandSpendLimit, iepLevel.ConvictedTransferLimit, iepLevel.ConvictedSpendLimit).Should().Be((70m, 700m, 35m, 350m), "NOMIS keeps pounds");
        iepLevel.ActiveFlag.Should().BeTrue();
        iepLevel.DefaultFlag.Should().BeFalse();
        var visits = tables.VisitAllowanceLevels.Single(r => r is { AgyLocId: "LEI", IepLevelCode: "EN2" });
        (visits.VisitType, visits.RemandVisits, visits.Weekends).Should().Be(("SENT_VISIT", 3, 2), "VO is REMAND_VISITS and PVO is WEEKENDS");

        // STD stays the default in NOMIS too: the reset's own rows were pushed.
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.ReferenceData.Tables().IepLevels.Single(r => r is { AgyLocId: "LEI", IepLevel: "STD" }).DefaultFlag),
            Deadline, "STD to be LEI's default in NOMIS");
    }

    [Fact]
    public async Task Making_a_level_the_default_undefaults_the_others_in_the_hub_and_in_NOMIS()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/BXI/reset");
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/BXI/level/BAS", new { defaultOnAdmission = true });

        var levels = await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/BXI");
        levels.EnumerateArray().Where(l => l.GetProperty("defaultOnAdmission").GetBoolean()).Select(l => l.GetProperty("levelCode").GetString()).Should().Equal("BAS");
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.ReferenceData.Tables().IepLevels.Where(r => r.AgyLocId == "BXI" && r.DefaultFlag).Select(r => r.IepLevel).SequenceEqual(["BAS"])),
            Deadline, "NOMIS to hold BAS as BXI's only default");
        var events = await PublishedAsync("prison-incentive-level-events", "BXI/STD");
        events.Should().HaveCountGreaterThanOrEqualTo(2, "STD changed twice: made default by the reset, un-defaulted when BAS became the default");
    }

    [Fact]
    public async Task A_reorder_reaches_NOMIS_reference_code_sequences()
    {
        var order = new[] { "BAS", "ENT", "STD", "ENH", "EN2", "EN3" };
        var current = (await _host.OkAsync(HttpMethod.Get, "/incentive/levels?with-inactive=true")).Codes();
        var wanted = current.Contains("EN4") ? [.. order, "EN4"] : order;

        var reordered = await _host.OkAsync(HttpMethod.Patch, "/incentive/level-order", wanted);

        reordered.Codes().Should().Equal(wanted);
        await Eventually.TrueAsync(() => Task.FromResult(_host.Nomis.ReferenceData.Tables().ReferenceCodes.OrderBy(c => c.Sequence).Select(c => c.Code).Take(wanted.Length).SequenceEqual(wanted)),
            Deadline, "NOMIS' sequences to follow the new order");
    }

    private bool NomisHas(string prison, string code, int convictedTransferPence, int visitOrders, int privilegedVisitOrders)
    {
        var tables = _host.Nomis.ReferenceData.Tables();
        return tables.IepLevels.Any(r => r.AgyLocId == prison && r.IepLevel == code && r.ConvictedTransferLimit == convictedTransferPence / 100m)
            && tables.VisitAllowanceLevels.Any(r => r.AgyLocId == prison && r.IepLevelCode == code && r.RemandVisits == visitOrders && r.Weekends == privilegedVisitOrders);
    }

    private bool NomisHasRow(string prison, string code) => _host.Nomis.ReferenceData.Tables().IepLevels.Any(r => r.AgyLocId == prison && r.IepLevel == code);

    private async Task<List<string>> PublishedAsync(string streamNamespace, string key)
    {
        await using var connection = new NpgsqlConnection(_host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select payload::text from stream_message where namespace = $1 and stream_key = $2 order by id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamNamespace });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = new List<string>();
        while (await reader.ReadAsync())
        {
            payloads.Add(reader.GetString(0));
        }

        return payloads;
    }
}
