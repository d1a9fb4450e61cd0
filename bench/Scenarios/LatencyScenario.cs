using OrleansSync.Bench.Grains;

namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// Events at a fixed rate; the time from append to the committed effect, as percentiles. First the
/// silo's cold start (its first seconds: code compiled on first use, pools and caches filling),
/// then the measured run on other entities, so every entity's first event still activates its grain;
/// last, what the idle silo's polling costs.
/// </summary>
public static class LatencyScenario
{
    private const string ColdPrefix = "cold-";

    // Every effect's latency, with whether it was in the cold start ($1 is ColdPrefix) and its entity's first event.
    private const string Latency = """
        latency as (
            select entity_key like $1 || '%' as cold, sequence = 1 as first, appended_at,
                   extract(epoch from committed_at - appended_at) * 1000 as ms
            from bench_history)
        """;

    public static async Task RunAsync(BenchArgs args)
    {
        var rate = args.Int("rate", 200);
        var seconds = args.Int("seconds", 20);
        var coldSeconds = args.Int("cold-seconds", 5);
        var keys = args.Int("keys", 1_000);
        var idleSeconds = args.Int("idle-seconds", 10);
        Console.WriteLine($"latency: {rate} events/s for {seconds} s over {keys:N0} entities, after {coldSeconds} s of cold start on other entities; {Environment.ProcessorCount} cores");

        await using var database = await BenchDatabase.CreateAsync();
        await using var silo = await BenchSilo.StartAsync(database.ConnectionString);
        await SendAsync(silo.StreamProducer, ColdPrefix, rate, rate * coldSeconds, keys);
        await IngestScenario.WaitForHistoryAsync(database, 0, rate * coldSeconds, TimeSpan.FromMinutes(2));
        var afterCold = await IngestScenario.LastHistoryIdAsync(database);
        await SendAsync(silo.StreamProducer, string.Empty, rate, rate * seconds, keys);
        await IngestScenario.WaitForHistoryAsync(database, afterCold, rate * seconds, TimeSpan.FromMinutes(2));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // An entity's first event also activates its grain (subscription, fence read), so its tail
        // is told apart from the later events'.
        await using var percentiles = new NpgsqlCommand($"""
            with {Latency}
            select 1, 'cold start: all', count(*), percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ms), max(ms) from latency where cold
            union all
            select 2, 'all', count(*), percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ms), max(ms) from latency where not cold
            union all
            select 3 + first::int, case when first then 'first of its entity' else 'later' end, count(*),
                   percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ms), max(ms)
            from latency where not cold group by first
            order by 1
            """, connection) { Parameters = { new() { Value = ColdPrefix } } };
        var rows = new List<string[]>();
        var p99 = 0d;
        await using (var reader = await percentiles.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.IsDBNull(3))
                {
                    continue; // no events in the row (--cold-seconds 0)
                }

                var p = reader.GetFieldValue<double[]>(3);
                p99 = reader.GetString(1) == "all" ? p[2] : p99;
                rows.Add([reader.GetString(1), BenchTable.Number(reader.GetInt64(2)), BenchTable.Number(p[0], "N1"), BenchTable.Number(p[1], "N1"),
                    BenchTable.Number(p[2], "N1"), BenchTable.Number((double)reader.GetDecimal(4), "N1")]);
            }
        }

        BenchTable.Print("append -> committed effect (ms)", ["events", "count", "p50", "p95", "p99", "max"], rows);
        BenchTable.Print("by second of the measured run: whether the silo keeps up with its entities' first events (ms)",
            ["second", "first events", "p50", "p99", "later events", "p50", "p99"], await BySecondAsync(connection));

        // The price of polling often, in the same run: the silo after the run, with nothing coming.
        var idleFrom = CpuTime.Now();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        var idle = CpuTime.Now().Since(idleFrom);
        Console.WriteLine($"idle silo for {idleSeconds} s after the run: bench process {Percent(idle.Bench)} of a core, PostgreSQL {(idle.Postgres is { } postgres ? Percent(postgres) : "-")}");
        Console.WriteLine($"p99_ms: {p99:0.0}");

        string Percent(TimeSpan used) => $"{used.TotalSeconds / idleSeconds * 100:0.0}%";
    }

    /// <summary>
    /// Each second of the measured run, first and later events apart. The run's first seconds are mostly first events
    /// (each entity's first event comes in its first 1,000 events): a p50 that grows second by second means the silo
    /// activates grains more slowly than they are needed, and a backlog builds until the later events begin.
    /// </summary>
    private static async Task<List<string[]>> BySecondAsync(NpgsqlConnection connection)
    {
        await using var bySecond = new NpgsqlCommand($"""
            with {Latency},
            start as (select min(appended_at) as at from latency where not cold)
            select floor(extract(epoch from latency.appended_at - start.at))::int,
                   count(*) filter (where first), percentile_cont(0.5) within group (order by ms) filter (where first), percentile_cont(0.99) within group (order by ms) filter (where first),
                   count(*) filter (where not first), percentile_cont(0.5) within group (order by ms) filter (where not first), percentile_cont(0.99) within group (order by ms) filter (where not first)
            from latency, start where not cold group by 1 order by 1
            """, connection) { Parameters = { new() { Value = ColdPrefix } } };
        var rows = new List<string[]>();
        await using var reader = await bySecond.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add([BenchTable.Number(reader.GetInt32(0)), BenchTable.Number(reader.GetInt64(1)), Ms(2), Ms(3), BenchTable.Number(reader.GetInt64(4)), Ms(5), Ms(6)]);
        }

        return rows;

        string Ms(int column) => reader.IsDBNull(column) ? "-" : BenchTable.Number(reader.GetDouble(column), "N0");
    }

    /// <summary><paramref name="total"/> events at <paramref name="rate"/> a second, paced by a timer, one append each as an upstream system would send them.</summary>
    private static async Task SendAsync(IStreamProducer producer, string keyPrefix, int rate, int total, int keys)
    {
        var sent = 0;
        var watch = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var pending = new List<Task>();
        while (sent < total && await timer.WaitForNextTickAsync())
        {
            var due = Math.Min(total, (int)(watch.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                pending.Add(producer.AppendAsync(PerEventEntityGrain.Namespace, $"{keyPrefix}entity{sent % keys}", $"{keyPrefix}latency-{sent}",
                    IngestScenario.Json(new BenchEvent((sent / keys) + 1, DateTimeOffset.UtcNow))));
            }
        }

        await Task.WhenAll(pending);
    }
}
