using System.Diagnostics.CodeAnalysis;
using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.TestGrains;

namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// Two silo processes under a steady event load; one is killed with SIGKILL. Measures the time
/// until its partitions serve again, and checks that no event was lost or applied twice.
/// </summary>
public static class FailoverScenario
{
    [SuppressMessage("Reliability", "CA2000", Justification = "Processes are killed or stopped below.")]
    public static async Task RunAsync(BenchArgs args)
    {
        var lease = args.Double("lease", RuntimeOptions.LeaseDurationDefault.TotalSeconds);
        var keys = args.Int("keys", 200);
        var perKey = args.Int("per-key", 20);
        Console.WriteLine($"failover: 2 silo processes, lease {lease} s, {keys * perKey:N0} events over {keys} keys; {Environment.ProcessorCount} cores");

        await using var database = await BenchDatabase.CreateAsync();
        var first = await StartSiloAsync(database.ConnectionString, lease);
        var second = await StartSiloAsync(database.ConnectionString, lease);
        await IngestScenario.WaitForAsync(database, "select count(distinct owner) from rt_lease where expires_at > now()", 2, TimeSpan.FromMinutes(1));
        var gateway = TestSiloApplication.Build(database.ConnectionString, options => options.Role = RuntimeRole.Client);
        await gateway.StartAsync();
        var producer = (IStreamProducer)gateway.Services.GetService(typeof(IStreamProducer))!;

        var producing = Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= perKey; sequence++)
            {
                var batch = Enumerable.Range(0, keys).Select(k => new StreamAppend(RecorderGrain.Namespace, $"k{k}", $"k{k}-{sequence}", IngestScenario.Json(new TestMessage(sequence)))).ToList();
                await producer.AppendBatchAsync(batch);
            }
        });
        await IngestScenario.WaitForAsync(database, "select count(*) from test_received", keys * perKey / 4, TimeSpan.FromMinutes(1));

        var killed = Stopwatch.StartNew();
        second.Kill(entireProcessTree: true);
        await IngestScenario.WaitForAsync(database, "select case when count(*) filter (where owner is null or expires_at < now()) = 0 and count(distinct owner) = 1 then 1 else 0 end from rt_lease", 1, TimeSpan.FromMinutes(2));
        var servingAgain = killed.Elapsed.TotalSeconds;
        await producing;
        await IngestScenario.WaitForAsync(database, "select count(distinct message_id) from test_received", keys * perKey, TimeSpan.FromMinutes(2));
        var effects = await database.ScalarAsync("select count(*) from test_received");
        var distinct = await database.ScalarAsync("select count(distinct message_id) from test_received");

        BenchTable.Print("kill -9 of one of two silos", ["measure", "value"],
        [
            ["lease duration", $"{lease:0.0} s"],
            ["partitions serving again after", $"{servingAgain:0.0} s"],
            ["events lost", BenchTable.Number(keys * perKey - distinct)],
            ["events applied twice", BenchTable.Number(effects - distinct)],
        ]);
        Console.WriteLine($"failover_seconds: {servingAgain:0.0}");

        await gateway.StopAsync();
        first.Kill(entireProcessTree: true);
    }

    private static async Task<Process> StartSiloAsync(string connectionString, double leaseSeconds)
    {
        var host = Path.Combine(BenchDatabase.RepositoryRoot(), "tests", "TestSiloHost", "bin", "Release", "net10.0", "OrleansSync.TestSiloHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(TestSiloApplication.FreePort().ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(leaseSeconds.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ready")
            {
                return process;
            }
        }

        throw new InvalidOperationException($"The silo process {host} exited before it was ready.");
    }
}
