using System.Net;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.ReferenceData.OtherPrivileges;

/// <summary>
/// Other privileges: a privilege and its assignment to a prison level reach the NOMIS simulator's REFERENCE_CODES
/// (IEP_OTH_PRIV) and OTHER_PRIVILEGES_LEVELS with events of the documented shape, and a refused change answers
/// 400 naming the field and writes nothing.
/// </summary>
public sealed class OtherPrivilegesSyncTests : IAsyncLifetime
{
    /// <summary>Generous: the machine is shared by several builds and test runs.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(OtherPrivilegesSyncTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_privilege_and_its_assignment_to_a_prison_level_reach_NOMIS_with_events_of_the_documented_shape()
    {
        var created = await _host.OkAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "TV", description = "In-cell television" });
        HmppsFixtures.Keys(created).Should().Equal("code", "description", "active", "sequence");
        (created.GetProperty("code").GetString(), created.GetProperty("description").GetString(), created.GetProperty("active").GetBoolean()).Should().Be(("TV", "In-cell television", true));
        created.GetProperty("sequence").GetInt32().Should().BePositive("a privilege created without a sequence goes at the end of the order");
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/reset");

        var assigned = await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/level/STD/other-privileges", new[] { "TV" });

        assigned.GetProperty("privileges").EnumerateArray().Select(p => p.GetProperty("code").GetString()).Should().Equal("TV");
        var (status, read) = await _host.CallAsync(HttpMethod.Get, "/incentive/prison-levels/MDI/level/STD/other-privileges", role: ApiRoles.Reader);
        status.Should().Be(HttpStatusCode.OK);
        read.ToString().Should().Be(assigned.ToString());
        await Eventually.TrueAsync(() => Task.FromResult(NomisCode("TV") is { Domain: "IEP_OTH_PRIV", Description: "In-cell television", Active: true }),
            Deadline, "TV to be created in NOMIS' REFERENCE_CODES");
        await Eventually.TrueAsync(() => Task.FromResult(NomisPrivileges("MDI", "STD").SequenceEqual(["TV"])), Deadline, "TV to reach OTHER_PRIVILEGES_LEVELS at MDI STD");

        var privilegeEvent = (await PublishedAsync(OtherPrivilegeStreams.PrivilegeEvents, "TV")).Single();
        var levelFixture = HmppsFixtures.Element("incentives-level-changed-domain-event.json");
        // The stream keeps payloads as jsonb, which orders keys its own way: compare the sets.
        HmppsFixtures.Keys(privilegeEvent).Should().BeEquivalentTo(HmppsFixtures.Keys(levelFixture), "the envelope of the other reference-data events");
        privilegeEvent.GetProperty("eventType").GetString().Should().Be("incentives.other-privileges.changed");
        Info(privilegeEvent).Should().Equal(new Dictionary<string, string?> { ["privilegeCode"] = "TV" });
        privilegeEvent.GetProperty("version").GetString().Should().Be("1.0");
        var assignmentEvent = (await PublishedAsync(OtherPrivilegeStreams.PrisonLevelEvents, "MDI/STD")).Single();
        assignmentEvent.GetProperty("eventType").GetString().Should().Be("incentives.other-privileges.changed");
        Info(assignmentEvent).Should().Equal(new Dictionary<string, string?> { ["incentiveLevel"] = "STD", ["prisonId"] = "MDI" });
        assignmentEvent.GetProperty("description").GetString().Should().Be("Other privileges of incentive level (STD) in prison MDI have been updated");

        // Deactivating keeps the assignment (as NOMIS does); emptying the set removes NOMIS' rows.
        var deactivated = await _host.OkAsync(HttpMethod.Delete, "/incentive/other-privileges/TV");
        deactivated.GetProperty("active").GetBoolean().Should().BeFalse();
        (await _host.OkAsync(HttpMethod.Get, "/incentive/other-privileges")).Codes().Should().NotContain("TV");
        (await _host.OkAsync(HttpMethod.Get, "/incentive/other-privileges?with-inactive=true")).Codes().Should().Contain("TV");
        await Eventually.TrueAsync(() => Task.FromResult(NomisCode("TV") is { Active: false, ExpiredDate: not null }), Deadline, "TV to be deactivated in NOMIS");
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/level/STD/other-privileges", Array.Empty<string>());
        await Eventually.TrueAsync(() => Task.FromResult(NomisPrivileges("MDI", "STD").Count == 0), Deadline, "NOMIS to drop TV at MDI STD");
        (await _host.DeadLetters.ListAsync(new DeadLetterQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_change_answers_400_naming_the_field_and_writes_nothing()
    {
        await _host.OkAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "GYM", description = "Gym" });
        await _host.OkAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "OLD_PRIV", description = "No longer given", active = false });
        await _host.OkAsync(HttpMethod.Put, "/incentive/prison-levels/LEI/reset");
        var privilegesBefore = await _host.ScalarAsync<long>("select count(*) from other_privilege");
        var eventsBefore = await _host.ScalarAsync<long>("select count(*) from stream_message where namespace = any($1)",
            (object)new[] { OtherPrivilegeStreams.PrivilegeEvents, OtherPrivilegeStreams.PrisonLevelEvents });

        await RefusedAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "gym 2", description = "Gym" }, "code");
        await RefusedAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "GYM", description = "Gym again" }, "code");
        await RefusedAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "LONG", description = new string('x', 41) }, "description");
        await RefusedAsync(HttpMethod.Patch, "/incentive/other-privileges/GYM", new { description = "" }, "description");
        await RefusedAsync(HttpMethod.Patch, "/incentive/other-privileges/GYM", new { sequence = 0 }, "sequence");
        (await _host.CallAsync(HttpMethod.Patch, "/incentive/other-privileges/NOPE", new { description = "x" })).Status.Should().Be(HttpStatusCode.NotFound);

        const string Std = "/incentive/prison-levels/LEI/level/STD/other-privileges";
        await RefusedAsync(HttpMethod.Put, Std, new[] { "NOPE" }, "privilegeCodes");
        await RefusedAsync(HttpMethod.Put, Std, new[] { "GYM", "OLD_PRIV" }, "privilegeCodes");
        await RefusedAsync(HttpMethod.Put, Std, new[] { "not a code" }, "privilegeCodes");
        await RefusedAsync(HttpMethod.Put, "/incentive/prison-levels/LEI/level/XYZ/other-privileges", new[] { "GYM" }, "levelCode");
        await RefusedAsync(HttpMethod.Put, "/incentive/prison-levels/LEI/level/EN3/other-privileges", new[] { "GYM" }, "levelCode");
        await RefusedAsync(HttpMethod.Put, "/incentive/prison-levels/L/level/STD/other-privileges", new[] { "GYM" }, "prisonId");
        (await _host.CallAsync(HttpMethod.Put, Std, new[] { "GYM" }, role: ApiRoles.Reader)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await _host.CallAsync(HttpMethod.Get, "/incentive/prison-levels/LEI/level/XYZ/other-privileges", role: ApiRoles.Reader)).Status.Should().Be(HttpStatusCode.NotFound);

        (await _host.ScalarAsync<long>("select count(*) from other_privilege")).Should().Be(privilegesBefore);
        (await _host.ScalarAsync<long>("select count(*) from prison_level_other_privilege")).Should().Be(0);
        (await _host.ScalarAsync<string>("select description from other_privilege where code = 'GYM'")).Should().Be("Gym");
        (await _host.ScalarAsync<long>("select count(*) from stream_message where namespace = any($1)",
            (object)new[] { OtherPrivilegeStreams.PrivilegeEvents, OtherPrivilegeStreams.PrisonLevelEvents })).Should().Be(eventsBefore, "a refused change raises no event");
    }

    private async Task RefusedAsync(HttpMethod method, string path, object body, string field)
    {
        var (status, problem) = await _host.CallAsync(method, path, body);
        status.Should().Be(HttpStatusCode.BadRequest, $"{method} {path} {JsonSerializer.Serialize(body)} should be refused; it answered {problem}");
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the problem should name {field}: {problem}");
    }

    private static Dictionary<string, string?> Info(JsonElement domainEvent) =>
        domainEvent.GetProperty("additionalInformation").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

    private Simulators.Nomis.ReferenceData.ReferenceCode? NomisCode(string code) =>
        _host.Nomis.OtherPrivileges.Tables().ReferenceCodes.SingleOrDefault(c => c.Code == code);

    private List<string> NomisPrivileges(string prison, string level) =>
        [.. _host.Nomis.OtherPrivileges.Tables().OtherPrivilegesLevels.Where(r => r.AgyLocId == prison && r.IepLevel == level).Select(r => r.PrivilegeCode)];

    private async Task<List<JsonElement>> PublishedAsync(string streamNamespace, string key)
    {
        await using var connection = new NpgsqlConnection(_host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select payload::text from stream_message where namespace = $1 and stream_key = $2 order by id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamNamespace });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = new List<JsonElement>();
        while (await reader.ReadAsync())
        {
            payloads.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return payloads;
    }
}
