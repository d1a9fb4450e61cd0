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
        // All events, and split: an entity's first event also activates its grain (subscription,
        // fence read), so the two tails are told apart.
        await using var percentiles = new NpgsqlCommand("""
            with latency as (
                select sequence = 1 as first, extract(epoch from committed_at - appended_at) * 1000 as ms from bench_history)
            select 'all', count(*), percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ms), max(ms) from latency
            union all
            select case when first then 'first of its entity' else 'later' end, count(*),
                   percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ms), max(ms)
            from latency group by first
            """, connection);
        var rows = new List<string[]>();
        var p99 = 0d;
        await using (var reader = await percentiles.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var p = reader.GetFieldValue<double[]>(2);
                p99 = reader.GetString(0) == "all" ? p[2] : p99;
                rows.Add([reader.GetString(0), BenchTable.Number(reader.GetInt64(1)), BenchTable.Number(p[0], "N1"), BenchTable.Number(p[1], "N1"),
                    BenchTable.Number(p[2], "N1"), BenchTable.Number((double)reader.GetDecimal(3), "N1")]);
            }
        }

        BenchTable.Print("append -> committed effect (ms)", ["events", "count", "p50", "p95", "p99", "max"], rows);
        Console.WriteLine($"p99_ms: {p99:0.0}");
    }
}
