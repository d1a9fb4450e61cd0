using OrleansSync.Bench.Grains;

namespace OrleansSync.Bench.Scenarios;

/// <summary>Events at a fixed rate; the time from append to the committed effect, as percentiles.</summary>
public static class LatencyScenario
{
    public static async Task RunAsync(BenchArgs args)
    {
        var rate = args.Int("rate", 200);
        var seconds = args.Int("seconds", 20);
        var keys = args.Int("keys", 1_000);
        Console.WriteLine($"latency: {rate} events/s for {seconds} s over {keys:N0} entities; {Environment.ProcessorCount} cores");

        await using var database = await BenchDatabase.CreateAsync();
        await using var silo = await BenchSilo.StartAsync(database.ConnectionString);
        var producer = silo.StreamProducer;

        // Paced by a timer, one append per event as an upstream system would send them.
        var total = rate * seconds;
        var sent = 0;
        var watch = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var pending = new List<Task>();
        while (sent < total && await timer.WaitForNextTickAsync())
        {
            var due = Math.Min(total, (int)(watch.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                var key = $"entity{sent % keys}";
                pending.Add(producer.AppendAsync(PerEventEntityGrain.Namespace, key, $"latency-{sent}", IngestScenario.Json(new BenchEvent((sent / keys) + 1, DateTimeOffset.UtcNow))));
            }
        }

        await Task.WhenAll(pending);
        await IngestScenario.WaitForAsync(database, "select count(*) from bench_history", total, TimeSpan.FromMinutes(2));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var percentiles = new NpgsqlCommand("""
            select percentile_cont(array[0.5, 0.95, 0.99]) within group (order by extract(epoch from committed_at - appended_at) * 1000),
                   max(extract(epoch from committed_at - appended_at) * 1000)
            from bench_history
            """, connection);
        await using var reader = await percentiles.ExecuteReaderAsync();
        await reader.ReadAsync();
        var p = reader.GetFieldValue<double[]>(0);
        var max = (double)reader.GetDecimal(1);
        BenchTable.Print("append -> committed effect (ms)", ["events", "p50", "p95", "p99", "max"],
            [[BenchTable.Number(total), BenchTable.Number(p[0], "N1"), BenchTable.Number(p[1], "N1"), BenchTable.Number(p[2], "N1"), BenchTable.Number(max, "N1")]]);
        Console.WriteLine($"p99_ms: {p[2]:0.0}");
    }
}
