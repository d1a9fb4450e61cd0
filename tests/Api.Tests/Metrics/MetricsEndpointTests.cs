using OrleansSync.Api.Tests.Ingestion;
using OrleansSync.Api.Tests.Support;
using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Api.Tests.Metrics;

/// <summary>
/// /metrics serves the Prometheus text format anonymously (Metrics:RequireToken is off by default),
/// with Orleans' series and ours once there is activity: ingestion, stream deliveries and backlog,
/// syncs and adapter requests. In this host NOMIS and the datahub adapter are not reachable, so
/// their requests count as errors and the accounting point sync as failed: series all the same.
/// </summary>
public sealed class MetricsEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] MainSeries =
    [
        "orleanssync_api_ingested_messages_total",
        "streams_messages_total",
        "streams_delivery_lag_seconds_bucket",
        "orleanssync_streams_pending",
        "orleanssync_streams_lag_seconds",
        "orleanssync_streams_dead_letters",
        "orleanssync_accounting_points_syncs_total",
        "orleanssync_accounting_points_adapter_requests_total",
        "incentives_nomis_requests_total",
        "http_client_request_duration_seconds_bucket",
        "http_server_request_duration_seconds_bucket",
    ];

    [Fact]
    public async Task A_scrape_finds_Orleans_series_and_ours_without_a_token()
    {
        using var operatorClient = host.As(ApiRoles.Operator);
        (await operatorClient.PostAsync("/events/" + ApiHost.SubscribedNamespace, Requests.Json(Envelopes.Sns(Envelopes.NewId(), Envelopes.Event("test.changed", "M1")))))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var gsrn = Gsrn.Create("57131310000000" + Random.Shared.Next(100, 999));
        (await operatorClient.PostAsync($"/accounting-points/{gsrn}/sync", null)).StatusCode.Should().NotBe(HttpStatusCode.InternalServerError);
        (await operatorClient.PostAsync("/incentive-reviews/prisoner/A1234AA", Requests.Json("{\"iepLevel\":\"STD\",\"comment\":\"metrics\"}")))
            .StatusCode.Should().NotBe(HttpStatusCode.InternalServerError);

        using var anonymous = host.Anonymous();
        var text = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await anonymous.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
            text = await response.Content.ReadAsStringAsync();
            var names = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0]).ToHashSet(StringComparer.Ordinal);

            // Thrown rather than returned, so that a timeout says which series are missing.
            MainSeries.Where(s => !names.Contains(s)).Should().BeEmpty();
            names.Should().Contain(n => n.StartsWith("orleans_", StringComparison.Ordinal), "Orleans' own meter should be exported");
            return true;
        }, TimeSpan.FromSeconds(90), "the main series in the scrape");

        text.Should().Contain("orleanssync_api_ingested_messages_total{otel_scope_name=\"OrleansSync.Api\",outcome=\"appended\",source=\"api-tests\"}");
    }
}
