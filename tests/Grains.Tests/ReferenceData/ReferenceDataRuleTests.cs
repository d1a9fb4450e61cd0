using System.Net;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Tests.Incentives.Support;
using static OrleansSync.Grains.ReferenceData.IncentiveLevelErrorCodes;

namespace OrleansSync.Grains.Tests.ReferenceData;

/// <summary>Every validation rule of incentives-api's reference data (CONTRACTS.md §3.5): 400 with its errorCode, and nothing written.</summary>
public sealed class ReferenceDataRuleTests : IAsyncLifetime
{
    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(ReferenceDataRuleTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Global_level_rules_100_to_103()
    {
        await _host.RuleViolationAsync(HttpMethod.Post, "/incentive/levels", new { code = "EN5", name = "Enhanced 5", active = false, required = true }, IncentiveLevelActiveIfRequired);
        (await _host.CallAsync(HttpMethod.Get, "/incentive/levels/EN5")).Status.Should().Be(HttpStatusCode.NotFound, "nothing is written when a rule is broken");
        await _host.RuleViolationAsync(HttpMethod.Patch, "/incentive/levels/BAS", new { active = false }, IncentiveLevelActiveIfRequired);
        await _host.RuleViolationAsync(HttpMethod.Delete, "/incentive/levels/STD", null, IncentiveLevelActiveIfRequired);

        await _host.RuleViolationAsync(HttpMethod.Post, "/incentive/levels", new { code = "BAS", name = "Basic again" }, IncentiveLevelCodeNotUnique);

        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/AGI/reset");
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/BWI/reset");
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/AGI/level/EN3", new { active = true });
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/BWI/level/EN3", new { active = true });
        var inPrisons = await _host.RuleViolationAsync(HttpMethod.Delete, "/incentive/levels/EN3", null, IncentiveLevelActiveIfActiveInPrison);
        inPrisons.GetProperty("moreInfo").GetString().Should().Be("AGI,BWI");
        (await _host.OkAsync(HttpMethod.Get, "/incentive/levels/EN3")).GetProperty("active").GetBoolean().Should().BeTrue();

        var partial = await _host.RuleViolationAsync(HttpMethod.Patch, "/incentive/level-order", new[] { "BAS", "STD", "ENH" }, IncentiveLevelReorderNeedsFullSet);
        partial.GetProperty("moreInfo").GetString().Should().Contain("EN2");
        (await _host.CallAsync(HttpMethod.Patch, "/incentive/level-order", new[] { "BAS", "STD", "ENH", "EN2", "EN3", "ENT", "ZZZ" })).Status.Should().Be(HttpStatusCode.NotFound);
        (await _host.OkAsync(HttpMethod.Get, "/incentive/levels")).Codes().Should().StartWith(["BAS", "STD", "ENH", "EN2", "EN3"], "a refused reorder changes nothing");
    }

    [Fact]
    public async Task Prison_level_rules_200_to_204()
    {
        // 204: the first level set up in a prison must be its default.
        await _host.RuleViolationAsync(HttpMethod.Patch, "/incentive/prison-levels/HLI/level/STD", new { visitOrders = 3 }, PrisonIncentiveLevelDefaultRequired);
        (await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/HLI")).GetArrayLength().Should().Be(0, "nothing is written when a rule is broken");

        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/HLI/reset");
        await _host.RuleViolationAsync(HttpMethod.Patch, "/incentive/prison-levels/HLI/level/STD", new { defaultOnAdmission = false }, PrisonIncentiveLevelDefaultRequired);
        await _host.RuleViolationAsync(HttpMethod.Patch, "/incentive/prison-levels/HLI/level/BAS", new { active = false }, PrisonIncentiveLevelActiveIfRequired);
        await _host.RuleViolationAsync(HttpMethod.Patch, "/incentive/prison-levels/HLI/level/EN2", new { active = false, defaultOnAdmission = true }, PrisonIncentiveLevelActiveIfDefault);
        await _host.RuleViolationAsync(HttpMethod.Patch, "/incentive/prison-levels/HLI/level/ENT", new { active = true }, PrisonIncentiveLevelNotGloballyActive);

        // 202 reads the reviews this hub holds: a prisoner whose current review is at EN2 in HLI.
        await _host.OkAsync(HttpMethod.Patch, "/incentive/prison-levels/HLI/level/EN2", new { active = true });
        await _host.Database.ExecuteAsync("""
            insert into incentive_review (prisoner_number, booking_id, review_time, level_code, review_type, comment, prison_id, current, origin)
            values ('A7001RD', 7001, now(), 'EN2', 'REVIEW', 'On EN2', 'HLI', true, 'DPS')
            """);
        await _host.RuleViolationAsync(HttpMethod.Delete, "/incentive/prison-levels/HLI/level/EN2", null, PrisonIncentiveLevelActiveIfPrisonersExist);
        var closing = await _host.RuleViolationAsync(HttpMethod.Delete, "/incentive/prison-levels/HLI", null, PrisonIncentiveLevelActiveIfPrisonersExist);
        closing.GetProperty("moreInfo").GetString().Should().Be("EN2");
        (await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/HLI")).Codes("levelCode").Should().Equal("BAS", "STD", "ENH", "EN2");
    }

    [Fact]
    public async Task Negative_amounts_are_refused_naming_the_field()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/FMI/reset");

        var (status, problem) = await _host.CallAsync(HttpMethod.Patch, "/incentive/prison-levels/FMI/level/STD", new { visitOrders = -1, remandSpendLimitInPence = -5 });

        status.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("visitOrders")[0].GetString().Should().Be("visitOrders cannot be negative");
        problem.GetProperty("errors").GetProperty("remandSpendLimitInPence")[0].GetString().Should().Be("remandSpendLimitInPence cannot be negative");
        (await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/FMI/level/STD")).GetProperty("visitOrders").GetInt32().Should().Be(2);

        var (putStatus, putProblem) = await _host.CallAsync(HttpMethod.Put, "/incentive/prison-levels/FMI/level/STD", new { active = true });
        putStatus.Should().Be(HttpStatusCode.BadRequest);
        putProblem.GetProperty("errors").TryGetProperty("convictedSpendLimitInPence", out _).Should().BeTrue("PUT needs every field");
    }

    [Fact]
    public async Task A_new_required_level_is_activated_in_every_prison_with_active_levels_and_new_rows_take_the_policy()
    {
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/DMI/reset");

        await _host.OkAsync(HttpMethod.Post, "/incentive/levels", new { code = "EN6", name = "Enhanced 6", active = true, required = true });

        var dmi = await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/DMI/level/EN6");
        dmi.GetProperty("active").GetBoolean().Should().BeTrue();
        dmi.GetProperty("remandTransferLimitInPence").GetInt32().Should().Be(6600, "a level without a policy of its own takes Enhanced's");
        (await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/EXI/level/EN6")).GetProperty("active").GetBoolean().Should().BeFalse("a prison with no active level is left alone");

        var basic = await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/EXI/level/BAS");
        (basic.GetProperty("active").GetBoolean(), basic.GetProperty("convictedSpendLimitInPence").GetInt32(), basic.GetProperty("visitOrders").GetInt32(), basic.GetProperty("privilegedVisitOrders").GetInt32())
            .Should().Be((false, 5500, 2, 1), "a prison level never set up is inactive with the policy's values");
        (await _host.OkAsync(HttpMethod.Get, "/incentive/prison-levels/EXI?with-inactive=true")).Codes("levelCode").Should().StartWith(["BAS", "STD", "ENH", "EN2", "EN3", "ENT"]);
    }

    [Fact]
    public async Task Writes_need_the_reference_data_role_or_admin()
    {
        var body = new { code = "EN7", name = "Enhanced 7" };
        (await _host.CallAsync(HttpMethod.Post, "/incentive/levels", body, ApiRoles.Reader)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await _host.CallAsync(HttpMethod.Post, "/incentive/levels", body, ApiRoles.Operator)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await _host.SendAsync(HttpMethod.Get, "/incentive/levels", role: null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _host.CallAsync(HttpMethod.Get, "/incentive/levels", role: ApiRoles.IncentiveLevelsRw)).Status.Should().Be(HttpStatusCode.OK);
        (await _host.CallAsync(HttpMethod.Post, "/incentive/levels", body, ApiRoles.Admin)).Status.Should().Be(HttpStatusCode.Created);

        var (status, problem) = await _host.CallAsync(HttpMethod.Post, "/incentive/levels", new { code = "toolongcode", name = "" });
        status.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["code", "name"]);
    }
}

internal static class PrisonLevelJson
{
    public static IReadOnlyList<string> Codes(this JsonElement levels, string property) => [.. levels.EnumerateArray().Select(l => l.GetProperty(property).GetString()!)];
}
