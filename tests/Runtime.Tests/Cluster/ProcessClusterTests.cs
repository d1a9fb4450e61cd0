using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Tests.Cluster;

/// <summary>Real silo processes, one of them killed with SIGKILL while events flow.</summary>
public sealed class ProcessClusterTests(Xunit.Abstractions.ITestOutputHelper output) : ClusterTestBase
{
    [Fact]
    public async Task Killing_a_silo_process_mid_load_loses_no_event_and_doubles_none()
    {
        const int Keys = 200;
        const int PerKey = 15;
        await using var first = await SiloProcess.StartAsync(Database.ConnectionString, TimeSpan.FromSeconds(60));
        await using var second = await SiloProcess.StartAsync(Database.ConnectionString, TimeSpan.FromSeconds(60));

        // The load generator: a gateway client in this process appending to the streams.
        var gateway = await StartSiloAsync(options => options.Role = RuntimeRole.Client);
        var producing = ProduceAsync(gateway.Runtime.StreamProducer, Keys, PerKey, "kill");
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received") > 300, TimeSpan.FromSeconds(60), "load is flowing through both silos");

        var killed = Stopwatch.StartNew();
        second.Kill();
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(distinct owner) from rt_lease where expires_at > now() and owner is not null") == 1 && await ScalarAsync("select count(*) from rt_lease where owner is null or expires_at < now()") == 0, TimeSpan.FromSeconds(30), "the surviving silo serves every partition");
        output.WriteLine($"failover: partitions serving again {killed.Elapsed.TotalSeconds:0.0} s after kill -9 (lease duration 2 s, renewal every 0.4 s)");
        await producing;

        await AssertExactlyOnceInOrderAsync(Keys * PerKey, TimeSpan.FromSeconds(120));
    }
}
