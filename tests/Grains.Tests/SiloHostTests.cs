using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansSync.Api.Security;

namespace OrleansSync.Grains.Tests;

public sealed class SiloHostTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(nameof(SiloHostTests));

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_silo_host_applies_its_migrations_and_reports_ready()
    {
        await using var factory = new SiloFactory(_database.ConnectionString);
        using var client = factory.CreateClient();

        (await client.GetStringAsync("/health/live")).Should().Be("Healthy");
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from rt_schema_migration where module = 'streams' and version = 1", connection);
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(1, "the silo ran against the test database, not an embedded one");
    }

    [Fact]
    public async Task A_silo_its_cluster_declares_dead_stops_itself_and_not_the_test_process()
    {
        await using var factory = new SiloFactory(_database.ConnectionString);
        using var client = factory.CreateClient();
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();

        // What a peer's death vote writes: the silo's row Dead (6), and the table's version moved on.
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var declareDead = new NpgsqlCommand(
                """
                with dead as (update orleans_membership set status = 6 where port = $1 and status = 3 returning deployment_id)
                update orleans_membership_version set version = version + 1 where deployment_id in (select deployment_id from dead)
                """, connection);
            declareDead.Parameters.Add(new NpgsqlParameter { Value = factory.SiloPort });
            (await declareDead.ExecuteNonQueryAsync()).Should().Be(1, "the silo was active in the table");
        }

        // Orleans' own handler would end the whole process here (Environment.FailFast), with every test in it.
        await Eventually.TrueAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, TimeSpan.FromSeconds(60),
            "the silo to read the table (every 5 s), find itself dead and stop its host");
    }

    [Fact]
    public async Task Simulator_admin_endpoints_require_an_operator_token_unless_turned_off()
    {
        await using var factory = new SiloFactory(_database.ConnectionString, new Dictionary<string, string?> { ["Simulators:RequireToken"] = "true" });
        using var client = factory.CreateClient();

        (await client.PostAsync("/sim/nomis/admin/reset", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "anyone reaching the port could reset the simulator");
        (await client.GetAsync("/sim/datahub/admin/requests")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(factory.Services, ApiRoles.Reader));
        (await client.PostAsync("/sim/nomis/admin/reset", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a reader may not drive a simulator");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(factory.Services, ApiRoles.Operator));
        (await client.PostAsync("/sim/nomis/admin/reset", null)).IsSuccessStatusCode.Should().BeTrue();
        (await client.GetAsync("/sim/datahub/admin/requests")).IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public async Task Simulators_are_off_outside_the_default_run_and_development_unless_enabled()
    {
        await using var factory = new SiloFactory(_database.ConnectionString, new Dictionary<string, string?> { ["Silo:Simulators"] = null });
        using var client = factory.CreateClient();

        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
        (await client.PostAsync("/sim/nomis/admin/reset", null)).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "a silo on a configured database in a non-Development environment hosts no simulators");
    }
}
