using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Faults;

public sealed class FaultInjectionTests
{
    private const string Gsrn = DatahubFixtures.FixtureGsrn;

    [Fact]
    public async Task Configured_latency_delays_contract_responses_but_not_admin()
    {
        // A latency far above any stall of a loaded machine, so "not delayed" can be told apart from a slow answer.
        await using var host = await SimulatorHost.StartAsync(datahub: o => o.Faults.Latency = TimeSpan.FromSeconds(3));

        var slow = Stopwatch.StartNew();
        var response = await host.Client.SendAsync(host.DatahubGet(Gsrn));
        slow.Stop();
        var fast = Stopwatch.StartNew();
        await host.Client.GetAsync("/sim/datahub/admin/faults");
        fast.Stop();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        slow.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(2990));
        fast.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "admin endpoints are never delayed");
    }

    [Fact]
    public async Task A_latency_header_overrides_the_configured_latency()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var request = host.DatahubGet(Gsrn);
        request.Headers.Add(SimulatorHeaders.LatencyMs, "250");

        var watch = Stopwatch.StartNew();
        (await host.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240));
    }

    [Fact]
    public async Task Failure_rate_one_fails_every_contract_request_with_a_503_problem()
    {
        await using var host = await SimulatorHost.StartAsync(nomis: o => o.Faults.FailureRate = 1);
        (await Nomis.NomisApi.SeedAsync(host.Client, "A1234AA", 1, "WAI")).StatusCode.Should().Be(HttpStatusCode.Created, "admin is never faulted");

        var response = await host.Client.GetAsync("/sim/nomis/incentives/ids");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.GetValues(SimulatorHeaders.Injected).Should().Equal("failure-rate");
        var problem = await Nomis.NomisApi.ReadJsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(503);
        problem.GetProperty("type").GetString().Should().Contain("simulated-failure");
    }

    [Fact]
    public async Task A_seeded_failure_rate_gives_the_same_outcomes_every_run()
    {
        async Task<List<HttpStatusCode>> RunAsync()
        {
            await using var host = await SimulatorHost.StartAsync(datahub: o =>
            {
                o.Faults.FailureRate = 0.5;
                o.Faults.Seed = 1234;
            });
            var outcomes = new List<HttpStatusCode>();
            for (var i = 0; i < 40; i++)
            {
                outcomes.Add((await host.Client.SendAsync(host.DatahubGet(Gsrn))).StatusCode);
            }

            return outcomes;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        first.Should().Equal(second);
        first.Should().Contain(HttpStatusCode.OK).And.Contain(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("true", 503)]
    [InlineData("500", 500)]
    [InlineData("429", 429)]
    public async Task The_fail_header_forces_a_failure(string header, int status)
    {
        await using var host = await SimulatorHost.StartAsync();
        using var request = host.DatahubGet(Gsrn);
        request.Headers.Add(SimulatorHeaders.Fail, header);

        var response = await host.Client.SendAsync(request);

        ((int)response.StatusCode).Should().Be(status);
        response.Headers.GetValues(SimulatorHeaders.Injected).Should().Equal("header");
        (await host.Client.SendAsync(host.DatahubGet(Gsrn))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fail_next_set_at_runtime_fails_exactly_that_many_requests_and_is_counted()
    {
        await using var host = await SimulatorHost.StartAsync();

        var put = await host.Client.PutAsJsonAsync("/sim/datahub/admin/faults", new { failNext = 2 });
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var outcomes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await host.Client.SendAsync(host.DatahubGet(Gsrn))).StatusCode);
        }

        outcomes.Should().Equal(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK);
        var stats = await Nomis.NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/datahub/admin/faults"));
        stats.GetProperty("requests").GetInt64().Should().Be(4);
        stats.GetProperty("injectedFailures").GetInt64().Should().Be(2);
        stats.GetProperty("settings").GetProperty("failNext").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Invalid_fault_settings_are_rejected_whole()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.Client.PutAsJsonAsync("/sim/datahub/admin/faults", new { latencyMs = 100, failureRate = 1.5 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var stats = await Nomis.NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/datahub/admin/faults"));
        stats.GetProperty("settings").GetProperty("latencyMs").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Requests_beyond_the_rate_limit_get_429_and_service_resumes_as_tokens_refill()
    {
        await using var host = await SimulatorHost.StartAsync(datahub: o => o.RequestsPerSecond = 5);

        var outcomes = new List<HttpResponseMessage>();
        var burst = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            outcomes.Add(await host.Client.SendAsync(host.DatahubGet(Gsrn)));
        }

        burst.Stop();

        // One second's worth up front, plus whatever refilled while the burst ran (bounded by measured time, so
        // a slow machine does not make this flaky).
        var ok = outcomes.Count(r => r.StatusCode == HttpStatusCode.OK);
        ok.Should().BeInRange(5, 5 + (int)Math.Ceiling(burst.Elapsed.TotalSeconds * 5) + 1);
        ok.Should().BeLessThan(20);
        var limited = outcomes.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Should().HaveCount(20 - ok);
        limited[0].Headers.RetryAfter!.ToString().Should().Be("1");
        limited[0].Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        await Eventually.TrueAsync(
            async () => (await host.Client.SendAsync(host.DatahubGet(Gsrn))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5),
            "the bucket refills");
        host.Datahub.Faults.Statistics.RateLimited.Should().BeGreaterThanOrEqualTo(12);
    }

    [Fact]
    public async Task Reset_clears_faults_and_statistics()
    {
        await using var host = await SimulatorHost.StartAsync(nomis: o => o.Faults.FailureRate = 1);
        (await host.Client.GetAsync("/sim/nomis/incentives/ids")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        await host.Client.PostAsync("/sim/nomis/admin/faults/reset", null);

        (await host.Client.GetAsync("/sim/nomis/incentives/ids")).StatusCode.Should().Be(HttpStatusCode.OK);
        host.Nomis.Faults.Statistics.Requests.Should().Be(1);
    }
}
