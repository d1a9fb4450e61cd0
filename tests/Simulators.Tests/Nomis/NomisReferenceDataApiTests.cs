using System.Net;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Nomis;

/// <summary>The simulator's incentive reference-data endpoints speak nomis-prisoner-api's contract (fixtures of CONTRACTS.md §11).</summary>
public sealed class NomisReferenceDataApiTests
{
    [Fact]
    public async Task A_reference_code_answers_in_the_fixture_shape_and_create_is_idempotent()
    {
        await using var host = await SimulatorHost.StartAsync();

        var std = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/incentives/reference-codes/STD"));
        JsonShape.ShouldMatch(std, ContractFixtures.Element("hmpps/nomis-reference-code-response.json"), allowedExtra: ["sequence", "parentCode"]);
        (await host.Client.GetAsync("/sim/nomis/incentives/reference-codes/EN9")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var created = await host.Client.PostAsync("/sim/nomis/incentives/reference-codes", NomisApi.Json("""{"code":"EN9","description":"Enhanced 9","active":true}"""));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var again = await host.Client.PostAsync("/sim/nomis/incentives/reference-codes", NomisApi.Json("""{"code":"EN9","description":"Other","active":false}"""));
        again.StatusCode.Should().Be(HttpStatusCode.OK, "an existing code is returned as it is");
        (await NomisApi.ReadJsonAsync(again)).GetProperty("description").GetString().Should().Be("Enhanced 9");

        var deactivated = await host.Client.PutAsync("/sim/nomis/incentives/reference-codes/EN9", NomisApi.Json("""{"description":"Enhanced 9","active":false}"""));
        (await NomisApi.ReadJsonAsync(deactivated)).GetProperty("expiredDate").GetString().Should().NotBeNullOrEmpty("an inactive code expires today");
    }

    [Fact]
    public async Task A_prison_level_is_upserted_from_the_fixture_request_into_IEP_LEVELS_and_VISIT_ALLOWANCE_LEVELS()
    {
        await using var host = await SimulatorHost.StartAsync();
        var request = ContractFixtures.Read("hmpps/nomis-prison-incentive-level-create-request.json");

        (await host.Client.PostAsync("/sim/nomis/incentives/prison/MDI", NomisApi.Json(request))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "PILD is no IEP_LEVEL code yet");
        await host.Client.PostAsync("/sim/nomis/incentives/reference-codes", NomisApi.Json("""{"code":"PILD","description":"Pilot","active":true}"""));
        (await host.Client.PostAsync("/sim/nomis/incentives/prison/MDI", NomisApi.Json(request))).StatusCode.Should().Be(HttpStatusCode.Created);

        var level = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/incentives/prison/MDI/code/PILD"));
        JsonShape.ShouldMatch(level, ContractFixtures.Element("hmpps/nomis-prison-incentive-level-response.json"));
        level.GetProperty("visitOrderAllowance").GetInt32().Should().Be(3);
        level.GetProperty("privilegedVisitOrderAllowance").GetInt32().Should().Be(6);
        level.GetProperty("convictedSpendLimitInPence").GetInt32().Should().Be(9);
        var tables = host.Nomis.ReferenceData.Tables();
        tables.IepLevels.Single(r => r is { AgyLocId: "MDI", IepLevel: "PILD" }).ConvictedSpendLimit.Should().Be(0.09m, "NOMIS keeps pounds");
        tables.VisitAllowanceLevels.Single(r => r is { AgyLocId: "MDI", IepLevelCode: "PILD" }).Should().Match<Simulators.Nomis.ReferenceData.VisitAllowanceLevelRow>(r => r.VisitType == "SENT_VISIT" && r.RemandVisits == 3 && r.Weekends == 6);

        (await host.Client.GetAsync("/sim/nomis/incentives/prison/MDI/code/EN3")).StatusCode.Should().Be(HttpStatusCode.NotFound, "MDI starts with BAS, STD and ENH only");
    }
}
